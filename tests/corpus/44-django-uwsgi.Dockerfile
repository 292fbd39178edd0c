FROM python:3.12-bookworm AS builder
ENV PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /build
COPY requirements/base.txt requirements/production.txt ./requirements/
RUN python -m venv /venv \
    && /venv/bin/pip install -r requirements/production.txt

FROM python:3.12-slim-bookworm
ENV PATH=/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=mysite.settings
RUN apt-get update \
    && apt-get upgrade -y \
    && apt-get install -y --no-install-recommends libpq5 libxml2 mime-support \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --no-create-home uwsgi
COPY --from=builder /venv /venv
WORKDIR /srv/mysite
COPY --chown=uwsgi:uwsgi . .
RUN python manage.py collectstatic --noinput
USER uwsgi
EXPOSE 8000
CMD ["uwsgi", "--http", "0.0.0.0:8000", "--module", "mysite.wsgi", "--master", "--processes", "4"]
