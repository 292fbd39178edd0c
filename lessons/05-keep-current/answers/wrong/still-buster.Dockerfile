# Wrong: upgrading packages on buster still leaves an end-of-life Debian.
FROM python:3.11-slim-buster
RUN apt-get update && apt-get upgrade -y \
 && apt-get install -y --no-install-recommends libxml2 \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
USER nobody
CMD ["python", "-m", "app"]
