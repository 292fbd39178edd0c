FROM scratch
HEALTHCHECK CMD /bin/bla1
FROM scratch
HEALTHCHECK CMD /bin/bla2