FROM python:3.11-slim-bookworm
WORKDIR /app
COPY . .
CMD ["uwsgi", "--ini", "uwsgi.ini"]
