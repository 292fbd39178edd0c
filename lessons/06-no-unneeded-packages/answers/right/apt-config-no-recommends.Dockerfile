# Right: recommended packages turned off through apt's own option; the python command runs the app.
FROM python:3.11-slim
RUN apt-get update && apt-get upgrade -y \
 && apt-get install -y -o APT::Install-Recommends=false libpq5 \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
USER nobody
CMD ["python", "-m", "gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
