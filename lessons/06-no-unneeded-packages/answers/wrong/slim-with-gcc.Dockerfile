# Wrong: slim, but gcc and the headers are installed into it again.
FROM python:3.11-slim
RUN apt-get update && apt-get upgrade -y \
 && apt-get install -y --no-install-recommends gcc libpq-dev libpq5 \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
USER nobody
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
