# Wrong: a current Debian, but Python 3.9 is past its end of life.
FROM python:3.9-slim-bookworm
RUN apt-get update && apt-get upgrade -y \
 && apt-get install -y --no-install-recommends libxml2 \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
USER nobody
CMD ["python", "-m", "app"]
