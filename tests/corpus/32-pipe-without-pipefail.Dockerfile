FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN curl -fsSL https://install.python-poetry.org | python3 -
RUN set -o pipefail && curl -fsSL https://example.com/setup.sh | sh
RUN pip freeze | grep -i django > /tmp/django-version.txt
RUN echo "a|b" > /tmp/not-a-pipe
WORKDIR /app
COPY . .
USER 1000
CMD ["python", "app.py"]
