ARG AWS_ACCESS_KEY_ID
FROM debian:bullseye
RUN foobar
