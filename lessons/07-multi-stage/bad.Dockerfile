FROM python:3.11-bookworm
RUN apt-get update && apt-get upgrade -y \
 && apt-get install -y --no-install-recommends build-essential libpcre3-dev \
 && rm -rf /var/lib/apt/lists/*
RUN useradd --system --create-home --uid 10001 app
RUN pip install --no-cache-dir pipenv==2024.4.0
WORKDIR /app
COPY Pipfile Pipfile.lock ./
RUN pipenv install --system --deploy --dev
COPY . .
USER app
EXPOSE 8000
CMD ["uwsgi", "--ini", "uwsgi.ini"]
