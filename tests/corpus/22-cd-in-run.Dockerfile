FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN cd frontend && python build_assets.py
RUN mkdir -p /data && cd /data && touch .keep
RUN python -c "import os; os.chdir('/tmp')" && echo "cd is only text here"
RUN pip install --no-cache-dir -e .
USER 1000
CMD ["python", "-m", "app"]
