FROM scratch
WORKDIR c:\system32
COPY bla.sh blubb.sh