FROM node as foo
COPY --from=foo bar .
