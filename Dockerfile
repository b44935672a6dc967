# syntax=docker/dockerfile:1
# source-lago: Airbyte source connector for Lago (TypeScript, Node ESM).
# integration_tests/docker.test.ts checks this file against metadata.yaml and package.json, and runs
# the same install / build / prune / `spec` steps on a clean copy of the repository.

# ---- build: full install, bundle src/ into dist/ (scripts/build.mjs) -----------------------------
FROM node:22-alpine AS build
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

# ---- runtime: dist (a self-contained bundle: no node_modules), schemas, spec.json ----------------
FROM node:22-alpine
WORKDIR /airbyte/integration_code
ENV NODE_ENV=production
# package.json marks dist/*.js as ES modules; the bundle needs nothing else from npm.
COPY package.json ./
COPY --from=build /build/dist ./dist
COPY schemas ./schemas
COPY spec.json ./
# Config, catalog and state arrive as mounted files (any absolute path); nothing is written here.
USER node
# The image must answer `spec` (fails the build if dist/ is missing or not self-contained).
RUN node /airbyte/integration_code/dist/main.js spec > /dev/null

ENV AIRBYTE_ENTRYPOINT="node --max-old-space-size=512 --max-semi-space-size=4 --initial-old-space-size=32 /airbyte/integration_code/dist/main.js"
ENTRYPOINT ["node", "--max-old-space-size=512", "--max-semi-space-size=4", "--initial-old-space-size=32", "/airbyte/integration_code/dist/main.js"]

LABEL io.airbyte.name=sourcelago/source-lago io.airbyte.version=0.1.0
