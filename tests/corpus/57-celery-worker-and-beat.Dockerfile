FROM python:3.12-slim
ENV PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=off
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
RUN useradd celery
USER celery
CMD ["sh", "-c", "celery -A proj beat & celery -A proj worker --loglevel=info"]
