FROM python:3.12-bookworm AS builder
RUN apt-get update
RUN apt-get install -y --no-install-recommends build-essential libpq-dev
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
COPY requirements.txt .
RUN pip install --upgrade pip==24.2
RUN pip install -r requirements.txt
RUN pip install gunicorn==22.0.0

FROM python:3.12-slim-bookworm
RUN apt-get update && apt-get upgrade -y
RUN apt-get install -y --no-install-recommends libpq5
RUN rm -rf /var/lib/apt/lists/*
COPY --from=builder /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH PYTHONUNBUFFERED=1
WORKDIR /app
COPY . .
RUN useradd -r app
USER app
CMD ["gunicorn", "-b", "0.0.0.0:8000", "web.wsgi:application"]
