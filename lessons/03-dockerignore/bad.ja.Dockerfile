# コンテキストに .git、.venv、__pycache__ があり、.dockerignore はありません。
# すべてがエンジンに送られ、`COPY . .` がそれをイメージに焼き込みます。
FROM python:3.11-slim-bookworm
WORKDIR /app
COPY . .
CMD ["python", "-m", "app"]
