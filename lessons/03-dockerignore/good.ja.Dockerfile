# .dockerignore に .git、.venv、__pycache__、*.pyc、.env、.pytest_cache を書いています。
# コンテキストは小さく保たれ、`COPY . .` はアプリに必要なものだけをコピーします。
FROM python:3.11-slim-bookworm
WORKDIR /app
COPY . .
CMD ["python", "-m", "app"]
