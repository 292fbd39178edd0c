# Right: another folder and a numeric user; each RUN cleans up after itself.
FROM python:3.11-slim-bookworm
RUN apt-get update && apt-get upgrade -y && apt-get install -y --no-install-recommends libxml2 && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/service
COPY requirements.txt ./
RUN python -m pip install --no-cache-dir --requirement requirements.txt
COPY . ./
USER 65534
CMD ["python", "-m", "app"]
