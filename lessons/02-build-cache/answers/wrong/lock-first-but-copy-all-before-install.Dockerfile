# Wrong: Pipfile.lock is copied first, but `COPY . .` still comes before the install.
FROM python:3.11-slim-bookworm
WORKDIR /app
COPY Pipfile Pipfile.lock ./
COPY . .
RUN pip install --no-cache-dir pipenv==2024.4.0 && pipenv install --system --deploy
CMD ["uwsgi", "--ini", "uwsgi.ini"]
