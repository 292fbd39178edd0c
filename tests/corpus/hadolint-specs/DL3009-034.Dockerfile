FROM scratch
ONBUILD RUN apt update && apt install python
