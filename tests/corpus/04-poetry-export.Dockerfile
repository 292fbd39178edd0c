FROM python:3.12-slim AS requirements
WORKDIR /src
RUN pip install --no-cache-dir poetry==1.8.3 poetry-plugin-export==1.8.0
COPY pyproject.toml poetry.lock ./
RUN poetry export --only main --format requirements.txt --output requirements.txt

FROM python:3.12-slim
ENV PYTHONUNBUFFERED=1
WORKDIR /app
COPY --from=requirements /src/requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY src/ ./src/
RUN groupadd -r app && useradd -r -g app app
USER app
CMD ["python", "-m", "src.main"]
