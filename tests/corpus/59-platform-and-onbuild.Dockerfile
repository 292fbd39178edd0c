FROM --platform=linux/amd64 python:3.12-slim AS base
WORKDIR /app
ONBUILD COPY requirements.txt .
ONBUILD RUN pip install --no-cache-dir -r requirements.txt
FROM base
COPY . .
USER 1000
CMD ["python", "app.py"]
