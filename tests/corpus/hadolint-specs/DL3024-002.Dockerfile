FROM scratch as build
RUN foo
FROM node as run
RUN baz
