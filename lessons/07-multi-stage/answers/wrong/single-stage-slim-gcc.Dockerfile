# Wrong: one slim stage that installs gcc to compile uWSGI: the compiler ships with the app.
FROM python:3.11-slim
RUN apt-get update && apt-get upgrade -y \
 && apt-get install -y --no-install-recommends gcc libxml2 \
 && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir pipenv==2024.4.0
WORKDIR /app
COPY Pipfile Pipfile.lock ./
RUN pipenv install --system --deploy
COPY . .
USER nobody
EXPOSE 8000
CMD ["uwsgi", "--ini", "uwsgi.ini"]
