# Right: pip-tools' pip-sync installs exactly the pinned requirements on a slim base.
FROM python:3.12-slim
RUN apt-get update && apt-get upgrade -y \
 && apt-get install -y --no-install-recommends libpq5 \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir pip-tools==7.4.1 && pip-sync requirements.txt && pip cache purge
COPY . .
USER nobody
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
