# Right: the lock is exported with pipenv, uv builds the venv in the builder, slim runs it.
FROM python:3.11-slim AS export
RUN pip install --no-cache-dir pipenv==2024.4.0
WORKDIR /src
COPY Pipfile Pipfile.lock ./
RUN pipenv requirements > requirements.txt

FROM python:3.11 AS builder
COPY --from=ghcr.io/astral-sh/uv:0.5.11 /uv /usr/local/bin/uv
COPY --from=export /src/requirements.txt /tmp/
RUN uv venv /opt/venv && uv pip install --no-cache --python /opt/venv/bin/python -r /tmp/requirements.txt

FROM python:3.11-slim
RUN apt-get update && apt-get upgrade -y \
 && apt-get install -y --no-install-recommends libxml2 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 app
COPY --from=builder /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /home/app
COPY . .
USER app
EXPOSE 8000
CMD ["uwsgi", "--ini", "uwsgi.ini"]
