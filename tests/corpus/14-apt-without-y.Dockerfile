FROM python:3.10-slim-bookworm
RUN apt-get update && apt-get install --no-install-recommends git openssh-client && rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-get -y install --no-install-recommends make && rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-get -qq install --no-install-recommends tini && rm -rf /var/lib/apt/lists/*
WORKDIR /workspace
COPY . .
RUN pip install --no-cache-dir .
USER 1001
ENTRYPOINT ["tini", "--", "mytool"]
