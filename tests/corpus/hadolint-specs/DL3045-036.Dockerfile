FROM microsoft/windowsservercore as base1
WORKDIR c:\system32
FROM base1 as base2
RUN foo
FROM base2
COPY foo bar
