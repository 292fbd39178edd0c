# Right: ENTRYPOINT names the program, CMD its default arguments, both in exec form.
FROM python:3.11-slim-bookworm
WORKDIR /app
COPY . .
ENTRYPOINT ["uwsgi"]
CMD ["--ini", "uwsgi.ini"]
