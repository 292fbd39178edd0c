FROM debian:bullseye
ENV my_password=abcdefghijklmnopqrstuvwxyz
ONBUILD RUN foobar
