FROM scratch as build
CMD ["foo", "bar"]
CMD [ "foo", "bar" ]
