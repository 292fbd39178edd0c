# Right: JSON-form COPY to an absolute folder, a BuildKit cache mount, a numeric user.
FROM python:3.11-slim-bookworm
WORKDIR /app
COPY ["Pipfile", "Pipfile.lock", "/app/"]
RUN --mount=type=cache,target=/root/.cache/pip \
    pip install pipenv==2024.4.0 && pipenv install --deploy --system
COPY . /app/
USER 10001
EXPOSE 8000
CMD ["uwsgi", "--ini", "uwsgi.ini"]
