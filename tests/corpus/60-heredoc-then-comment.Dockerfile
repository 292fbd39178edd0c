# syntax=docker/dockerfile:1
FROM python:3.12-slim
RUN <<EOT
pip install --no-cache-dir -r /dev/null
EOT
# Copy the application after the tooling.
WORKDIR /app
COPY . .
USER 1000
CMD ["python", "app.py"]
