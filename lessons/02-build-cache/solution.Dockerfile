FROM python:3.11-slim-bookworm
ENV PYTHONUNBUFFERED=1
WORKDIR /app
COPY Pipfile Pipfile.lock /app/
RUN pip install --no-cache-dir pipenv==2024.4.0 && pipenv install --system --deploy
COPY . /app
EXPOSE 8000
CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]
