FROM python:3.11-slim
ENV PYTHONUNBUFFERED 1
ENV APP_HOME /srv/app
ENV LANG=C.UTF-8
WORKDIR $APP_HOME
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
USER 1000
CMD ["python", "main.py"]
