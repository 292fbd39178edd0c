# Right: `pipenv sync` installs exactly the lock file; another WORKDIR, lock files copied first.
FROM python:3.11-slim-bookworm
WORKDIR /srv/app
RUN pip install --no-cache-dir pipenv==2024.4.0
COPY Pipfile Pipfile.lock ./
RUN pipenv sync --system
COPY . .
CMD ["uwsgi", "--ini", "uwsgi.ini"]
