# Wrong: the secret .env is still named: it must never reach the image (nor is it in this context).
FROM python:3.11-slim-bookworm
WORKDIR /app
COPY Pipfile Pipfile.lock .env ./
COPY . .
CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]
