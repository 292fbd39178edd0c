# Right: BuildKit cache mounts keep apt's and pip's caches out of the layers altogether.
FROM python:3.11-slim-bookworm
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked \
    apt-get update && apt-get upgrade -y \
 && apt-get install -y --no-install-recommends libxml2
WORKDIR /app
COPY requirements.txt .
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
COPY . .
USER nobody
CMD ["python", "-m", "app"]
