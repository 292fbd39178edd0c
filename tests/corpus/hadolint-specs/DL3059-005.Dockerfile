RUN /foo.sh
# a comment
RUN /bar.sh