FROM ghcr.io/astral-sh/uv:python3.14-bookworm-slim AS python

ARG APP_HOME=/app

WORKDIR ${APP_HOME}
