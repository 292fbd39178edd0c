FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
CMD ["python", "migrate.py"]
ENTRYPOINT ["python"]
ENTRYPOINT ["/usr/local/bin/python", "-u"]
HEALTHCHECK CMD ["python", "healthcheck.py"]
HEALTHCHECK --interval=30s CMD ["python", "healthcheck.py", "--deep"]
CMD ["server.py"]
