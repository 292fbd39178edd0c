FROM python:3.12-bookworm AS builder
RUN pip wheel --wheel-dir /wheels numpy==2.1.0

FROM python:3.12-bookworm AS builder
RUN pip wheel --wheel-dir /wheels pandas==2.2.2

FROM python:3.12-slim-bookworm AS Runner
COPY --from=builder /wheels /wheels
RUN pip install --no-cache-dir /wheels/* && rm -rf /wheels
USER nobody
CMD ["python", "-c", "import pandas; print(pandas.__version__)"]
