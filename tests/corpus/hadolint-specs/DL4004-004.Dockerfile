FROM debian as distro1
ENTRYPOINT bash
RUN foo
ENTRYPOINT another
FROM debian as distro2
ENTRYPOINT another
