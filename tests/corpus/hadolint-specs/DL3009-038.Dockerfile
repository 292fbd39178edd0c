FROM scratch
ONBUILD RUN aptitude update && aptitude install python
