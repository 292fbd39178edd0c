HEALTHCHECK CMD [ "foobar" ]
