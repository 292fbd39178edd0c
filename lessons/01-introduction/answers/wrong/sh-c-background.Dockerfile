# Wrong: exec form on the outside, but `sh -c` still starts two processes, one in the background.
FROM python:3.11-slim-bookworm
WORKDIR /app
COPY . .
CMD ["sh", "-c", "uwsgi --ini uwsgi.ini & python worker.py"]
