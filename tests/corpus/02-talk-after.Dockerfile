# syntax=docker/dockerfile:1
# The "after" of the talk: export -> builder/dev-builder -> base -> dev/prod.

FROM python:3.12-bookworm AS export
WORKDIR /tmp
RUN pip install --no-cache-dir pipenv==2024.4.0
COPY Pipfile Pipfile.lock ./
RUN pipenv requirements > requirements.txt \
    && pipenv requirements --dev > requirements-dev.txt

FROM python:3.12-bookworm AS builder
WORKDIR /tmp
COPY --from=export /tmp/requirements.txt .
RUN pip install -r requirements.txt

FROM builder AS dev-builder
COPY --from=export /tmp/requirements-dev.txt .
RUN pip install -r requirements-dev.txt

FROM python:3.12-slim-bookworm AS base
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN apt-get update \
    && apt-get upgrade -y \
    && apt-get install -y --no-install-recommends libpq5 libxml2 \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 10001 app
WORKDIR /app

FROM base AS dev
COPY --from=dev-builder /usr/local/lib/python3.12/site-packages /usr/local/lib/python3.12/site-packages
COPY --from=dev-builder /usr/local/bin /usr/local/bin
COPY . .
USER app
EXPOSE 8000
CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]

FROM base AS prod
COPY --from=builder /usr/local/lib/python3.12/site-packages /usr/local/lib/python3.12/site-packages
COPY --from=builder /usr/local/bin/uwsgi /usr/local/bin/uwsgi
COPY . .
USER app
EXPOSE 8000
CMD ["uwsgi", "--ini", "deploy/uwsgi.ini"]
