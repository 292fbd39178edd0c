# Wrong: ADD of the whole context before the install busts the cache like COPY . . does.
FROM python:3.11-slim-bookworm
WORKDIR /app
ADD . /app
RUN pip install --no-cache-dir pipenv==2024.4.0 && pipenv sync --system
CMD ["uwsgi", "--ini", "uwsgi.ini"]
