FROM python:3.11-slim

ENV PYTHONUNBUFFERED=1
WORKDIR /code

RUN pip install --no-cache-dir pipenv==2023.12.1
COPY Pipfile Pipfile.lock ./
RUN pipenv install --system --deploy

COPY . .

RUN useradd -m web
USER web
EXPOSE 8000
CMD ["gunicorn", "project.wsgi:application", "--bind", "0.0.0.0:8000"]
