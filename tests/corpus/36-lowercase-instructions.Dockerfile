from python:3.12-slim as base
workdir /app
copy requirements.txt .
run pip install --no-cache-dir -r requirements.txt
copy . .
user 1000
cmd ["python", "app.py"]
