FROM python:3.12-slim-bookworm
ENV VIRTUAL_ENV=/opt/venv
RUN python -m venv $VIRTUAL_ENV
ENV PATH="$VIRTUAL_ENV/bin:$PATH"
WORKDIR /app
COPY requirements.txt .
RUN python -m pip install -r requirements.txt
RUN /opt/venv/bin/pip install uvloop
COPY . .
RUN pip install --no-cache-dir --no-deps .
USER nobody
CMD ["python", "-m", "service"]
