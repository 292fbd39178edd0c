# Wrong: the export stage copies the whole project, so a code edit re-runs the install anyway.
FROM python:3.11-slim-bookworm AS export
RUN pip install --no-cache-dir pipenv==2024.4.0
WORKDIR /export
COPY . .
RUN pipenv requirements > requirements.txt

FROM python:3.11-slim-bookworm
WORKDIR /app
COPY --from=export /export/requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
CMD ["uwsgi", "--ini", "uwsgi.ini"]
