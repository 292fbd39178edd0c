RUN foo; bar
RUN foobar
