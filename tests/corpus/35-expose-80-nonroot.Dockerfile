FROM python:3.12-slim
ENV PYTHONUNBUFFERED=1
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN useradd --system web
USER web
EXPOSE 80 443/tcp 8080
CMD ["gunicorn", "--bind", "0.0.0.0:80", "app:app"]
