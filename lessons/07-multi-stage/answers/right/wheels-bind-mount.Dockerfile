# Right: the builder makes wheels; the final stage installs them through a bind mount, no copy layer.
FROM python:3.11-slim AS export
RUN pip install --no-cache-dir pipenv==2024.4.0
WORKDIR /src
COPY Pipfile Pipfile.lock ./
RUN pipenv requirements > requirements.txt

FROM python:3.11 AS builder
COPY --from=export /src/requirements.txt /tmp/requirements.txt
RUN pip wheel --no-cache-dir --wheel-dir /wheels -r /tmp/requirements.txt

FROM python:3.11-slim
RUN apt-get update && apt-get upgrade -y \
 && apt-get install -y --no-install-recommends libxml2 \
 && rm -rf /var/lib/apt/lists/*
RUN --mount=type=bind,from=builder,source=/wheels,target=/wheels \
    pip install --no-cache-dir --no-index /wheels/*.whl
WORKDIR /app
COPY . .
USER nobody
EXPOSE 8000
CMD ["uwsgi", "--ini", "uwsgi.ini"]
