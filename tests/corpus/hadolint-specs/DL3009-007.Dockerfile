FROM ubuntu as foo
RUN apt-get update && apt-get install python
FROM foo
RUN hey!
