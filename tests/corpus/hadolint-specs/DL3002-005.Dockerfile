FROM scratch
USER 0:0
