FROM python:3.11

ENV POETRY_VIRTUALENVS_CREATE=false

WORKDIR /app
COPY . /app

RUN pip install poetry
RUN poetry install --no-interaction --no-ansi

EXPOSE 5000
CMD ["python", "app.py"]
