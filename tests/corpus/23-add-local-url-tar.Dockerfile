FROM python:3.12-slim
WORKDIR /opt
ADD requirements.txt /opt/requirements.txt
ADD https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini
ADD vendor/models.tar.gz /opt/models/
ADD src /opt/src
RUN chmod +x /tini && pip install --no-cache-dir -r /opt/requirements.txt
USER 65534
ENTRYPOINT ["/tini", "--"]
CMD ["python", "/opt/src/main.py"]
