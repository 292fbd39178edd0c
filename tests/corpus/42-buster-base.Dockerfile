FROM python:3.8-buster AS builder
WORKDIR /opt/app
COPY requirements.lock /opt/app
RUN pip3 install -r requirements.lock

FROM python:3.8-slim-buster as runner
COPY --from=builder /usr/local/lib/python3.8/site-packages /usr/local/lib/python3.8/site-packages
COPY --from=builder /usr/local/bin/uwsgi /usr/local/bin/uwsgi
RUN apt update \
    && apt install -y libpq5 libxml2 \
    && apt-get clean \
    && rm -rf /var/lib/apt/lists/*
RUN useradd -r -s /bin/false uwsgiusr
RUN mkdir -p /var/log/uwsgi/app && chown -R uwsgiusr /var/log/uwsgi/app
COPY deploy/uwsgi.ini /opt/app
COPY mysite /opt/app/mysite
USER uwsgiusr
EXPOSE 8000
CMD ["uwsgi", "--ini", "/opt/app/uwsgi.ini"]
