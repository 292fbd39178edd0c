# Right: JSON-form COPY into another folder, then the rest; .dockerignore keeps .env out.
FROM python:3.11-slim-bookworm
WORKDIR /srv
COPY ["Pipfile", "Pipfile.lock", "/srv/"]
COPY . /srv/
CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]
