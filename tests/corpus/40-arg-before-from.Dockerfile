ARG PYTHON_VERSION=3.12
ARG DEBIAN=bookworm
FROM python:${PYTHON_VERSION}-${DEBIAN} AS builder
COPY requirements.txt .
RUN pip install --prefix=/install -r requirements.txt

FROM python:${PYTHON_VERSION}-slim-${DEBIAN}
ARG PYTHON_VERSION
COPY --from=builder /install /usr/local
WORKDIR /app
COPY . .
RUN echo "built for ${PYTHON_VERSION}" > /app/VERSION
USER 1000
CMD ["python", "app.py"]
