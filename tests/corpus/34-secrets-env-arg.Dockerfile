FROM python:3.12-slim
ARG PIP_INDEX_TOKEN
ARG BUILD_DATE
ENV DJANGO_SECRET_KEY=change-me \
    DATABASE_PASSWORD=postgres \
    DJANGO_SETTINGS_MODULE=config.settings.production
ENV AWS_ACCESS_KEY_ID=AKIAEXAMPLE
ENV API_TOKEN_URL=https://auth.example.com/token
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir --index-url "https://__token__:${PIP_INDEX_TOKEN}@pypi.example.com/simple" -r requirements.txt
COPY . .
USER 1000
CMD ["gunicorn", "config.wsgi"]
