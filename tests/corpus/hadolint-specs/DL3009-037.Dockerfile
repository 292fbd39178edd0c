FROM scratch
RUN aptitude update && aptitude install python
