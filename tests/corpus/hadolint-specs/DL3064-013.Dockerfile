FROM debian:bullseye
ENV my_password=abcdefghijklmnopqrstuvwxyz
RUN foobar
