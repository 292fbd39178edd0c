FROM foo
ARG A=B
RUN echo bla