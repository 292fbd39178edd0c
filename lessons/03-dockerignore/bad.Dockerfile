# The context holds .git, .venv and __pycache__, and there is no .dockerignore:
# all of it is sent to the engine and `COPY . .` bakes it into the image.
FROM python:3.11-slim-bookworm
WORKDIR /app
COPY . .
CMD ["python", "-m", "app"]
