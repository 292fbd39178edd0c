RUN foo && bar
RUN foo
RUN bar
