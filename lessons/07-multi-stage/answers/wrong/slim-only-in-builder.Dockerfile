# Wrong: the stages are swapped: slim builds, and the final image runs on the full image.
FROM python:3.11-slim AS export
RUN pip install --no-cache-dir pipenv==2024.4.0
WORKDIR /src
COPY Pipfile Pipfile.lock ./
RUN pipenv requirements > requirements.txt

FROM python:3.11-slim AS builder
RUN python3 -m venv /opt/venv
COPY --from=export /src/requirements.txt /tmp/
RUN /opt/venv/bin/pip install --no-cache-dir -r /tmp/requirements.txt

FROM python:3.11
COPY --from=builder /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /app
COPY . .
USER nobody
EXPOSE 8000
CMD ["uwsgi", "--ini", "uwsgi.ini"]
