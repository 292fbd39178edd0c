FROM python:3.13-slim
COPY --from=ghcr.io/astral-sh/uv:0.5.11 /uv /uvx /bin/
WORKDIR /srv
COPY requirements.txt .
RUN uv pip install --system --no-cache -r requirements.txt
COPY . .
RUN uv pip install --system httpx
ENV PYTHONUNBUFFERED=1
CMD ["python", "worker.py"]
