ARG openai_api_key
FROM debian:bullseye
ONBUILD RUN foobar
