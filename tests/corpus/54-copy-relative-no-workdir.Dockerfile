FROM python:3.12-slim
COPY requirements.txt requirements.txt
RUN pip install --no-cache-dir -r requirements.txt
COPY app app
COPY config.yaml /etc/app/config.yaml
USER 1000
CMD ["python", "app/main.py"]
