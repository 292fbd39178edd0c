FROM python AS build
RUN pip install --no-cache-dir build==1.2.1
WORKDIR /src
COPY . .
RUN python -m build --wheel

FROM ubuntu:latest AS tools
RUN apt-get update && apt-get install -y --no-install-recommends jq && rm -rf /var/lib/apt/lists/*

FROM python:latest
COPY --from=build /src/dist/*.whl /tmp/
COPY --from=tools /usr/bin/jq /usr/local/bin/jq
RUN pip install --no-cache-dir /tmp/*.whl
USER 1000
CMD ["myservice"]
