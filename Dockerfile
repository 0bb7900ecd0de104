# syntax=docker/dockerfile:1
# Node 24 LTS, pinned in both stages (written out, so Dependabot can propose the bumps).
FROM node:24.11.1-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY commands ./commands
COPY data ./data
RUN npm run build

FROM node:24.11.1-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HEALTH_PORT=8080 \
    HEALTH_HOST=0.0.0.0
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# Operators may mount their own dataset over this folder: -v ./data:/app/data:ro
COPY data ./data
COPY scripts ./scripts
# STATE_DIR (the SQLite database) lives on a volume mounted here; the bot runs as node.
RUN mkdir -p /app/state && chown node:node /app/state
USER node
EXPOSE 8080 3000 3001
# Healthy only while ready (/readyz): a platform closed for good (token reset) turns the
# container unhealthy after the grace period and three failed checks, so it gets replaced.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "scripts/healthcheck.mjs"]
# node itself, not npm: npm would stand between Docker's SIGTERM and the bot's shutdown.
CMD ["node", "dist/src/main.js"]
