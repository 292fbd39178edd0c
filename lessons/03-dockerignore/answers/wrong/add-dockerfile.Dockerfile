# Wrong: the Dockerfiles are ignored by the project's .dockerignore; ADD cannot send them.
FROM python:3.11-slim-bookworm
WORKDIR /app
ADD Dockerfile.before ./
COPY . .
CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]
