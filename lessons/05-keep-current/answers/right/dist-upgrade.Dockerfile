# Right: bookworm with Python 3.11; `dist-upgrade` takes the security updates too.
FROM python:3.11-slim-bookworm
RUN apt-get update \
 && apt-get dist-upgrade -y \
 && apt-get install -y --no-install-recommends libxml2 \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
USER 65534
CMD ["python", "-m", "app"]
