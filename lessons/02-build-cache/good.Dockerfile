FROM python:3.11-slim-bookworm
WORKDIR /app
COPY Pipfile Pipfile.lock ./
RUN pip install --no-cache-dir pipenv==2024.4.0 \
 && pipenv install --system --deploy
COPY . .
CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]
