# Wrong: `apt-get upgrade` runs only in a builder stage; the final image never gets the fixes.
FROM python:3.12-bookworm AS builder
RUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*
RUN pip wheel --no-cache-dir --wheel-dir /wheels lxml==5.3.0

FROM python:3.12-slim-bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends libxml2 \
 && rm -rf /var/lib/apt/lists/*
COPY --from=builder /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl
WORKDIR /app
COPY . .
USER nobody
CMD ["python", "-m", "app"]
