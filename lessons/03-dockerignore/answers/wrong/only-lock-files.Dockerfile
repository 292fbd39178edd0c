# Wrong: the lock files arrive, the code (manage.py, api, config) never does.
FROM python:3.11-slim-bookworm
WORKDIR /app
COPY Pipfile Pipfile.lock ./
CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]
