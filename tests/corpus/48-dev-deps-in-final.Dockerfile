FROM python:3.12-slim
ENV PYTHONUNBUFFERED=1
WORKDIR /app
RUN pip install --no-cache-dir pipenv==2024.4.0
COPY Pipfile Pipfile.lock ./
RUN pipenv install --system --dev
COPY requirements-dev.txt .
RUN pip install --no-cache-dir -r requirements-dev.txt
COPY . .
RUN useradd app
USER app
CMD ["pytest", "-q"]
