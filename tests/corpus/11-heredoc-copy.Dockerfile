# syntax=docker/dockerfile:1.7
FROM python:3.12-slim
WORKDIR /app
COPY <<EOF /app/gunicorn.conf.py
bind = "0.0.0.0:8000"
workers = 2
accesslog = "-"
EOF

COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
RUN <<EOF bash
set -euo pipefail
python -m compileall -q /app
find /app -name '*.md' | xargs rm -f
EOF

USER nobody
CMD ["gunicorn", "-c", "/app/gunicorn.conf.py", "app:create_app()"]
