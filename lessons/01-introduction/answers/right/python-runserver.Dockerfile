# Right: Django's own server started directly, exec form, as a non-root user.
FROM python:3.11-slim-bookworm
WORKDIR /app
COPY . .
USER nobody
CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]
