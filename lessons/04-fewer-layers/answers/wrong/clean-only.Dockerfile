# Wrong: `apt-get clean` empties the archive cache, not /var/lib/apt/lists.
FROM python:3.11-slim-bookworm
RUN apt-get update && apt-get upgrade -y \
 && apt-get install -y --no-install-recommends libxml2 \
 && apt-get clean
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
USER nobody
CMD ["python", "-m", "app"]
