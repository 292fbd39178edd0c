# Wrong: a normal user is set, then the file switches back to root at the end.
FROM python:3.11-slim-bookworm AS export
RUN pip install --no-cache-dir pipenv==2024.4.0
WORKDIR /src
COPY Pipfile Pipfile.lock ./
RUN pipenv requirements > requirements.txt

FROM python:3.11-bookworm AS builder
RUN python3 -m venv /opt/venv
COPY --from=export /src/requirements.txt /tmp/
RUN /opt/venv/bin/pip install --no-cache-dir -r /tmp/requirements.txt

FROM python:3.11-slim-bookworm
RUN apt-get update && apt-get upgrade -y \
 && apt-get install -y --no-install-recommends libxml2 \
 && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 10001 app
COPY --from=builder /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /app
USER app
COPY . .
USER root
EXPOSE 8000
CMD ["uwsgi", "--http", ":8000", "--module", "config.wsgi"]
