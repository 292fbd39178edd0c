# Wrong: the apt lists are deleted, but in a later RUN: the earlier layer still holds them.
FROM python:3.11-slim-bookworm
RUN apt-get update && apt-get upgrade -y \
 && apt-get install -y --no-install-recommends libxml2
RUN apt-get clean && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
USER nobody
CMD ["python", "-m", "app"]
