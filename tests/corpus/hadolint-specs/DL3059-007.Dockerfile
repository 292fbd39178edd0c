# a comment
RUN /foo.sh