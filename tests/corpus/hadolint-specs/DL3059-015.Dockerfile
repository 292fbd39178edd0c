RUN foo && bar
RUN foo; bar
