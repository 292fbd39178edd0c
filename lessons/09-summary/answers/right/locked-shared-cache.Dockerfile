# Right: a named, locked cache shared between builds; the mount options in another order.
FROM python:3.12-slim-bookworm
RUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*
WORKDIR /srv
RUN --mount=type=bind,target=/srv/requirements.txt,source=requirements.txt \
    --mount=type=cache,id=pip,sharing=locked,target=/root/.cache/pip \
    python -m pip install --requirement requirements.txt
COPY . .
USER nobody
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
