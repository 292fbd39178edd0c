# Right: `CMD ["python", "app.py"]` with a non-root USER, what LL405's own message advises.
FROM python:3.11-slim-bookworm
WORKDIR /srv
COPY . .
RUN useradd --system --uid 10001 web
USER 10001
CMD ["python", "app.py"]
