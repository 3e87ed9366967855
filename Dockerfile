# One image per service: docker build --build-arg SERVICE=<name> .
FROM node:20-bookworm-slim
WORKDIR /app
RUN npm install -g pnpm@10.34.8
COPY . .
RUN pnpm install --frozen-lockfile
ARG SERVICE
ENV SERVICE=${SERVICE} NODE_ENV=production
USER node
# Migrations run on start (and by `… main.ts migrate`); SIGTERM drains in-flight messages.
CMD ["sh", "-c", "exec node --import tsx services/${SERVICE}/src/main.ts"]
