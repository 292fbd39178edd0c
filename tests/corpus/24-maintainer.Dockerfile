FROM python:3.8-slim-buster
MAINTAINER Jane Doe <jane@example.com>
LABEL org.opencontainers.image.authors="jane@example.com"
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
CMD ["python", "bot.py"]
