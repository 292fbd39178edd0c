FROM python:3.12-slim AS build
WORKDIR /build
COPY requirements.txt .
RUN pip wheel --wheel-dir /wheels -r requirements.txt

FROM python:3.12-slim
WORKDIR /app
COPY --from=buidl /wheels /wheels
COPY --from=ghcr.io/astral-sh/uv:0.5.11 /uv /bin/uv
COPY --from=0 /build/requirements.txt .
RUN pip install --no-cache-dir --no-index --find-links=/wheels -r requirements.txt
COPY . .
USER 1000
CMD ["python", "main.py"]
