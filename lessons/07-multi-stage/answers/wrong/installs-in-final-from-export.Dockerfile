# Wrong: pipenv stays in export, but the final stage installs (and would compile) everything itself.
FROM python:3.11-slim AS export
RUN pip install --no-cache-dir pipenv==2024.4.0
WORKDIR /src
COPY Pipfile Pipfile.lock ./
RUN pipenv requirements > requirements.txt

FROM python:3.11-slim
RUN apt-get update && apt-get upgrade -y \
 && apt-get install -y --no-install-recommends libxml2 \
 && rm -rf /var/lib/apt/lists/*
COPY --from=export /src/requirements.txt /tmp/
RUN pip install --no-cache-dir -r /tmp/requirements.txt
WORKDIR /app
COPY . .
USER nobody
EXPOSE 8000
CMD ["uwsgi", "--ini", "uwsgi.ini"]
