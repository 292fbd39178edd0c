# Wrong: the cache mount is on a folder pip never uses; its cache still lands in the layer.
FROM python:3.12-slim-bookworm
RUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*
WORKDIR /app
RUN --mount=type=cache,target=/tmp/cache \
    --mount=type=bind,source=requirements.txt,target=requirements.txt \
    pip install -r requirements.txt
COPY . .
USER nobody
CMD ["python", "-m", "app"]
