# Wrong: one process, but in shell form: /bin/sh is PID 1 and never passes SIGTERM on.
FROM python:3.11-slim-bookworm
WORKDIR /app
COPY . .
CMD uwsgi --ini uwsgi.ini
