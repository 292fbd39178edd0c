FROM debian as distro1
CMD bash
RUN foo
FROM debian as distro2
CMD another
