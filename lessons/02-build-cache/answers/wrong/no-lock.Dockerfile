# Wrong: only the Pipfile is copied first and the lock is skipped: versions drift per build.
FROM python:3.11-slim-bookworm
WORKDIR /app
COPY Pipfile ./
RUN pip install --no-cache-dir pipenv==2024.4.0 && pipenv install --system --skip-lock
COPY . .
CMD ["uwsgi", "--ini", "uwsgi.ini"]
