FROM ubuntu as foo
ONBUILD RUN apt-get update && apt-get install python
FROM scratch
ONBUILD RUN echo hey!
