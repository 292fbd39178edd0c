FROM python:3.11-slim-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends cron openssh-server \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
CMD service cron start && service ssh start && python manage.py runserver 0.0.0.0:8000
