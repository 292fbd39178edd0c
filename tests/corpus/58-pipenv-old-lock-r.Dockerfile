FROM python:3.9 AS export
RUN pip install pipenv
COPY Pipfile* /tmp/
RUN cd /tmp && pipenv lock --requirements > requirements.txt

FROM python:3.9-slim
COPY --from=export /tmp/requirements.txt /tmp/
RUN pip install --no-cache-dir -r /tmp/requirements.txt
COPY . /app
WORKDIR /app
EXPOSE 8000
CMD ["python", "app.py"]
