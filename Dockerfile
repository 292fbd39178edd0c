# LayerLab's own image, an example of what the app teaches:
#   builder  a virtualenv from requirements.txt (every dependency ships wheels: slim is enough)
#   runtime  slim, security updates, only the venv and the app, a non-root user, exec-form CMD
#            and a HEALTHCHECK on Streamlit's health endpoint.
# Build: docker build -t layerlab .   Run: see README ("Run the app in Docker").

FROM python:3.11-slim AS builder
# --without-pip keeps pip and setuptools out of the venv that the runtime stage copies;
# the image's own pip installs into it with --python.
RUN python3 -m venv --without-pip /opt/venv
COPY requirements.txt /tmp/requirements.txt
RUN pip --python /opt/venv/bin/python install --no-cache-dir -r /tmp/requirements.txt

FROM python:3.11-slim
# A fixed numeric id: `USER 10001` lets Kubernetes' runAsNonRoot verify the user, and the
# host can add the Docker socket's group with `--group-add`.
RUN apt-get update \
 && apt-get upgrade -y \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 10001 layerlab \
 && useradd --uid 10001 --gid layerlab --create-home --shell /usr/sbin/nologin layerlab
COPY --from=builder /opt/venv /opt/venv
# PYTHONPATH: the `layerlab` package runs from /app (it finds sample_projects/ next to it),
# so `python -m layerlab lint` works in the container too.
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONPATH=/app \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1
WORKDIR /app
# .dockerignore is an allowlist: only the app, its package, lessons and sample projects.
COPY . .
USER 10001:10001
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:8501/_stcore/health', timeout=4)"]
CMD ["streamlit", "run", "app.py", "--server.port=8501", "--server.address=0.0.0.0", "--server.headless=true"]
