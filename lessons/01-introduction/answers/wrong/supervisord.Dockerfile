# Wrong: a process supervisor runs the web app and the worker in one container.
FROM python:3.11-slim-bookworm
WORKDIR /app
COPY . .
CMD ["supervisord", "-c", "/app/supervisord.conf"]
