FROM python:3.12-slim
RUN apt-get update \
    && apt-get upgrade -y \

    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
USER 1000
CMD ["python", "app.py"]
