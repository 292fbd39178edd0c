FROM scratch as build
RUN foo
FROM node as run
COPY --from=build foo .
RUN baz
