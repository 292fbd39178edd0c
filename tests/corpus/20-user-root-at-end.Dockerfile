FROM python:3.12-slim
RUN useradd -m app
WORKDIR /home/app
COPY --chown=app:app requirements.txt .
USER app
RUN pip install --user --no-cache-dir -r requirements.txt
COPY --chown=app:app . .
USER root
RUN chmod +x /home/app/entrypoint.sh
ENTRYPOINT ["/home/app/entrypoint.sh"]
