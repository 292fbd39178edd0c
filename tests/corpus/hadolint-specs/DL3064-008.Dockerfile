ARG AWS_ACCESS_KEY_ID
FROM debian:bullseye
ONBUILD RUN foobar
