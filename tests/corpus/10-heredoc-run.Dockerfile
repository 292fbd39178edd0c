# syntax=docker/dockerfile:1.7
FROM python:3.12-slim-bookworm

RUN <<EOF
set -eux
apt-get update
apt-get upgrade -y
apt-get install -y --no-install-recommends curl ca-certificates
rm -rf /var/lib/apt/lists/*
EOF

WORKDIR /app
COPY requirements.lock .
RUN pip install --no-cache-dir -r requirements.lock
COPY . .
RUN useradd -u 1000 -m app
USER app
ENV PYTHONUNBUFFERED=1
CMD ["python", "-m", "app"]
