# escape=`
FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir `
        -r requirements.txt `
    && pip install --no-cache-dir waitress==3.0.0
COPY . .
USER 1000
CMD ["waitress-serve", "--port=8080", "app:app"]
