FROM python:3.12-alpine3.20
RUN apk update
RUN apk add --no-cache postgresql-libs \
    && apk add --no-cache --virtual .build-deps gcc musl-dev postgresql-dev
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt \
    && apk --purge del .build-deps
COPY . .
RUN addgroup -S app && adduser -S app -G app
USER app
CMD ["python", "app.py"]
