# Wrong: slim and only libpq5, but apt still pulls in the recommended packages.
FROM python:3.11-slim
RUN apt-get update && apt-get upgrade -y \
 && apt-get install -y libpq5 \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
USER nobody
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
