# Right: gunicorn instead of uWSGI; it forks its own workers, which is still one service.
FROM python:3.11-slim-bookworm
WORKDIR /app
COPY . .
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "--workers", "2", "config.wsgi"]
