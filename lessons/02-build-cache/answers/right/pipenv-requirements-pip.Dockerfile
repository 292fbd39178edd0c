# Right: the lock file is exported with `pipenv requirements` and installed with pip.
FROM python:3.11-slim-bookworm
ENV PYTHONUNBUFFERED=1
WORKDIR /app
COPY Pipfile Pipfile.lock ./
RUN pip install --no-cache-dir pipenv==2024.4.0 \
 && pipenv requirements > requirements.txt \
 && pip install --no-cache-dir -r requirements.txt
COPY . .
CMD ["uwsgi", "--ini", "uwsgi.ini"]
