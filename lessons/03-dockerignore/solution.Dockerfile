FROM python:3.11-slim-bookworm
WORKDIR /app
COPY Pipfile Pipfile.lock ./
COPY . .
CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]
