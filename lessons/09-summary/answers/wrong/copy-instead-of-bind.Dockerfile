# Wrong: the cache mount is there, but requirements.txt is copied in a layer, not bind-mounted.
FROM python:3.12-slim-bookworm
RUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
COPY . .
USER nobody
CMD ["python", "-m", "app"]
