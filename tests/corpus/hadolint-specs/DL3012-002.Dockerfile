FROM scratch
HEALTHCHECK CMD /bin/bla