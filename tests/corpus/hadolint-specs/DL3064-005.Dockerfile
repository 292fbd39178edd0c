FROM debian:bullseye
ENV foobar=barfoo
RUN foobar
