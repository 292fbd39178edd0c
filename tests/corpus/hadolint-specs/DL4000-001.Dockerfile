FROM busybox
MAINTAINER hudu@mail.com