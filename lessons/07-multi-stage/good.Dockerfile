FROM python:3.11-slim-bookworm AS export
RUN pip install --no-cache-dir pipenv==2024.4.0
WORKDIR /src
COPY Pipfile Pipfile.lock ./
RUN pipenv requirements > requirements.txt \
 && pipenv requirements --dev > requirements-dev.txt

FROM python:3.11-bookworm AS builder
RUN python3 -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
COPY --from=export /src/requirements.txt /tmp/
RUN pip install --no-cache-dir -r /tmp/requirements.txt

FROM builder AS dev-builder
COPY --from=export /src/requirements-dev.txt /tmp/
RUN pip install --no-cache-dir -r /tmp/requirements-dev.txt

FROM python:3.11-slim-bookworm AS base
RUN apt-get update && apt-get upgrade -y \
 && apt-get install -y --no-install-recommends libxml2 \
 && rm -rf /var/lib/apt/lists/*
RUN useradd --system --create-home --uid 10001 app
ENV PATH=/opt/venv/bin:$PATH PYTHONUNBUFFERED=1
WORKDIR /app

FROM base AS dev
COPY --from=dev-builder /opt/venv /opt/venv
COPY . .
USER app
CMD ["python", "-m", "pytest"]

FROM base AS prod
COPY --from=builder /opt/venv /opt/venv
COPY . .
USER app
EXPOSE 8000
CMD ["uwsgi", "--ini", "uwsgi.ini"]
