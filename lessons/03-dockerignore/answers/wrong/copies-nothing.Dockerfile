# Wrong: every COPY deleted: no finding left, but no app in the image either.
FROM python:3.11-slim-bookworm
WORKDIR /app
CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]
