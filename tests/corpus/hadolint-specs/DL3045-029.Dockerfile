FROM microsoft/windowsservercore as stage1
WORKDIR c:\system32
FROM microsoft/windowsservercore
COPY foo bar
