# Wrong: a builder exists, but pipenv and the install still run in the slim final stage.
FROM python:3.11 AS builder
RUN pip wheel --no-cache-dir --wheel-dir /wheels uwsgi==2.0.28

FROM python:3.11-slim
COPY --from=builder /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl pipenv==2024.4.0
WORKDIR /app
COPY Pipfile Pipfile.lock ./
RUN pipenv install --system --deploy
COPY . .
USER nobody
EXPOSE 8000
CMD ["uwsgi", "--ini", "uwsgi.ini"]
