FROM debian:bullseye
RUN foobar
