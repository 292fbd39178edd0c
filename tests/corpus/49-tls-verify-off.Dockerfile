FROM python:3.12-slim
ENV PIP_TRUSTED_HOST=pypi.internal.example.com \
    PYTHONHTTPSVERIFY=0
RUN apt-get update && apt-get install -y --no-install-recommends wget curl && rm -rf /var/lib/apt/lists/*
RUN wget --no-check-certificate -q https://internal.example.com/ca.pem -O /usr/local/share/ca.pem
RUN curl -k -o /tmp/tool.tgz https://internal.example.com/tool.tgz
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir --trusted-host pypi.internal.example.com -r requirements.txt
COPY . .
USER 1000
CMD ["python", "app.py"]
