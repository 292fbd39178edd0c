# .dockerignore lists .git, .venv, __pycache__, *.pyc, .env, .pytest_cache:
# the context stays small and `COPY . .` copies only what the app needs.
FROM python:3.11-slim-bookworm
WORKDIR /app
COPY . .
CMD ["python", "-m", "app"]
