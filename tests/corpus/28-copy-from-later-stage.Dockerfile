FROM python:3.12-slim AS runtime
WORKDIR /app
COPY --from=assets /assets/dist ./static
COPY . .
USER 1000
CMD ["python", "-m", "http.server", "8000"]

FROM node:20-bookworm-slim AS assets
WORKDIR /assets
COPY package.json package-lock.json ./
RUN npm ci
COPY frontend ./frontend
RUN npm run build
