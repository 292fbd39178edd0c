FROM python:3.11-slim-bookworm
RUN apt-get update
RUN apt-get upgrade -y
RUN apt-get install -y --no-install-recommends libpq5
RUN rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
RUN rm -rf /root/.cache/pip
COPY . .
USER nobody
CMD ["python", "-m", "app"]
