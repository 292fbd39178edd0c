# Right: the user is created and chosen in a base stage that the final stage is built FROM; uwsgi.ini sets the port.
FROM python:3.11-slim-bookworm AS export
RUN pip install --no-cache-dir pipenv==2024.4.0
WORKDIR /src
COPY Pipfile Pipfile.lock ./
RUN pipenv requirements > requirements.txt

FROM python:3.11-bookworm AS builder
RUN python3 -m venv /opt/venv
COPY --from=export /src/requirements.txt /tmp/
RUN /opt/venv/bin/pip install --no-cache-dir -r /tmp/requirements.txt

FROM python:3.11-slim-bookworm AS base
RUN apt-get update && apt-get upgrade -y \
 && apt-get install -y --no-install-recommends libxml2 \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system app && useradd --system --gid app --uid 10001 app
USER app

FROM base AS prod
COPY --from=builder /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH PYTHONUNBUFFERED=1
WORKDIR /app
COPY --chown=app:app . .
EXPOSE 8000
CMD ["uwsgi", "--ini", "uwsgi.ini"]
