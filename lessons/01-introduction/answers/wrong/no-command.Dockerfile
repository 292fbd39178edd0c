# Wrong: the bad CMD is deleted instead of fixed; the image no longer starts the app.
FROM python:3.11-slim-bookworm
WORKDIR /app
COPY . .
