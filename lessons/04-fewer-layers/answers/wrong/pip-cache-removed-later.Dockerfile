# Wrong: pip's cache is written by one RUN and removed by the next; the bytes stay.
FROM python:3.11-slim-bookworm
RUN apt-get update && apt-get upgrade -y \
 && apt-get install -y --no-install-recommends libxml2 \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
RUN rm -rf /root/.cache/pip
COPY . .
USER nobody
CMD ["python", "-m", "app"]
