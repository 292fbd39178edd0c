# The "before" of the talk: one stage, full image, root, port 80.
FROM python:3.10

WORKDIR /app
COPY . .

RUN apt update && apt install -y libpq-dev libxml2-dev
RUN pip install pipenv && pipenv install --system

EXPOSE 80
CMD python manage.py runserver 0.0.0.0:80
