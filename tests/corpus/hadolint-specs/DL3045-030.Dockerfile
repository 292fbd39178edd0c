FROM debian:buster as base
WORKDIR /usr
FROM debian:buster as stage-inbetween
RUN foo
FROM base
COPY foo bar
