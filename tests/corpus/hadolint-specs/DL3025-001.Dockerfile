FROM node as foo
ENTRYPOINT something
