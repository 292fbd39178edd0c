# Right: `Pipfile*` matches both dependency files; the whole context, minus what is ignored, follows.
FROM python:3.11-slim-bookworm
WORKDIR /app
COPY Pipfile* ./
COPY . .
USER nobody
CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]
