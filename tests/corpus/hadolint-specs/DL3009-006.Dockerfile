FROM ubuntu as foo
ONBUILD RUN hey!
FROM scratch
ONBUILD RUN apt-get update && apt-get install python
