# Wrong: packages named by hand: cached after a code edit, but a dependency edit never reaches it.
FROM python:3.11-slim-bookworm
WORKDIR /app
RUN pip install --no-cache-dir django uwsgi
COPY . .
CMD ["uwsgi", "--ini", "uwsgi.ini"]
