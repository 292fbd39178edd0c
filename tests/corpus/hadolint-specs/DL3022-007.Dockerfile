FROM scratch
RUN foo
FROM node
COPY --from=0 foo .
