# Right: `Pipfile*` picks both files; the code is copied last, owned by the app user.
FROM python:3.11-slim-bookworm
RUN pip install --no-cache-dir pipenv==2024.4.0 && useradd --system app
WORKDIR /home/app/site
COPY Pipfile* ./
RUN pipenv install --system --deploy --ignore-pipfile
COPY --chown=app:app . .
USER app
CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]
