FROM debian:buster as base1
WORKDIR /usr
FROM base1 as base2
ONBUILD RUN foo
FROM base2
COPY foo bar
