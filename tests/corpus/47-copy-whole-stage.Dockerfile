FROM python:3.12-slim AS deps
RUN pip install --no-cache-dir --target=/deps requests==2.32.3

FROM gcr.io/distroless/python3-debian12:nonroot
COPY --from=deps / /
COPY --from=deps /deps /app/deps
COPY main.py /app/
ENV PYTHONPATH=/app/deps
WORKDIR /app
CMD ["main.py"]
