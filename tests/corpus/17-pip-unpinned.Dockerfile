FROM python:3.12-slim
ENV PYTHONUNBUFFERED=1
WORKDIR /app
RUN pip install --no-cache-dir flask requests==2.32.3 "gunicorn>=22" \
    && pip install --no-cache-dir --upgrade pip setuptools wheel
RUN pip install --no-cache-dir -r https://example.com/requirements.txt
RUN pip install --no-cache-dir ./vendor/mylib-1.0-py3-none-any.whl
RUN echo "remember to pip install flask later" > /app/NOTE
COPY . .
USER 1000
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]
