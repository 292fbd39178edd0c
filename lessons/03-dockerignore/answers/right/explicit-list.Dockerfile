# Right: each file and folder the app needs, named one by one.
FROM python:3.11-slim-bookworm
WORKDIR /app
COPY Pipfile Pipfile.lock manage.py uwsgi.ini ./
COPY api ./api
COPY config ./config
CMD ["uwsgi", "--ini", "uwsgi.ini"]
