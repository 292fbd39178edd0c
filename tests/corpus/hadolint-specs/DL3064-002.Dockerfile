FROM debian:bullseye
ONBUILD RUN foobar
