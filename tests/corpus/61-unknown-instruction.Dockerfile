FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
EXPOSES 8000
USER 1000
CMD ["python", "app.py"]
