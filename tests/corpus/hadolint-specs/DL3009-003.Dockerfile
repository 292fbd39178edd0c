FROM ubuntu as foo
RUN apt-get update && apt-get install python
FROM scratch
RUN echo hey!
