FROM debian
CMD bash
RUN foo
CMD another
