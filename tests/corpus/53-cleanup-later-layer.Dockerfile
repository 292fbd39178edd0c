FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends build-essential libffi-dev
WORKDIR /app
COPY wheels.tar /tmp/wheels.tar
RUN tar -xf /tmp/wheels.tar -C /tmp && pip install --no-cache-dir /tmp/wheels/*.whl
RUN rm -rf /tmp/wheels.tar /tmp/wheels
RUN apt-get purge -y build-essential libffi-dev && apt-get autoremove -y
RUN rm -rf /var/lib/apt/lists/*
COPY . .
USER 1000
CMD ["python", "app.py"]
