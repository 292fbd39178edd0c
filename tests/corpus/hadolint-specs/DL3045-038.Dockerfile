FROM debian:buster
ONBUILD WORKDIR /usr/local/lib
ONBUILD COPY foo bar
