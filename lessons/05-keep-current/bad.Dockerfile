FROM python:3.8-slim-buster
RUN apt update
RUN apt install libpq5
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
USER nobody
CMD ["python", "-m", "app"]
