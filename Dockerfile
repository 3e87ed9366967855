# One image per service: docker build --build-arg SERVICE=<name> .
FROM node:20-bookworm-slim
WORKDIR /app
RUN npm install -g pnpm@10.34.8
COPY . .
RUN pnpm install --frozen-lockfile
ARG SERVICE
# A 4 MB young generation (V8's default is 16): an idle service about 25 MB smaller.
ENV SERVICE=${SERVICE} NODE_ENV=production NODE_OPTIONS=--max-semi-space-size=4
USER node
# Migrations run on start (and by `… main.ts migrate`); SIGTERM drains in-flight messages.
CMD ["sh", "-c", "exec node --import tsx services/${SERVICE}/src/main.ts"]
