FROM python:3.12-slim

RUN apt-get update \
    && apt-get install -y ffmpeg libsm6 libxext6 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN useradd -m worker
USER worker
ENV PYTHONUNBUFFERED=1
CMD ["python", "process_video.py"]
