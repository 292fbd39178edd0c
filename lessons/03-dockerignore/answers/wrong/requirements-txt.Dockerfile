# Wrong: this project has no requirements.txt; the COPY fails.
FROM python:3.11-slim-bookworm
WORKDIR /app
COPY requirements.txt ./
COPY . .
CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]
