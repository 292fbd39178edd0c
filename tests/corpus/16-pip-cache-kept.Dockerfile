FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
RUN python -m pip install --upgrade pip==24.2
RUN /usr/local/bin/pip install gunicorn==22.0.0
COPY . .
RUN useradd app
USER app
CMD ["gunicorn", "app:app"]
