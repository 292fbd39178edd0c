# Right: PIP_NO_CACHE_DIR in ENV instead of the flag; apt cleans up in the same RUN.
FROM python:3.11-slim-bookworm
ENV PIP_NO_CACHE_DIR=1
RUN apt-get update \
 && apt-get upgrade -y \
 && apt-get install -y --no-install-recommends libxml2 \
 && apt-get clean \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
USER nobody
CMD ["python", "-m", "app"]
