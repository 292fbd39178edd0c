# Right: an export stage turns the lock file into requirements.txt; pip installs it before the code.
FROM python:3.11-slim-bookworm AS export
RUN pip install --no-cache-dir pipenv==2024.4.0
WORKDIR /export
COPY Pipfile Pipfile.lock ./
RUN pipenv requirements > requirements.txt

FROM python:3.11-slim-bookworm
WORKDIR /app
COPY --from=export /export/requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
CMD ["uwsgi", "--ini", "uwsgi.ini"]
