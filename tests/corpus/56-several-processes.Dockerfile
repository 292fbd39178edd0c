FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends nginx supervisor && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
COPY deploy/supervisord.conf /etc/supervisor/conf.d/app.conf
EXPOSE 80
CMD service nginx start && gunicorn -b 127.0.0.1:8000 app:app
