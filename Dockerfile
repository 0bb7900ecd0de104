# syntax=docker/dockerfile:1
# Node LTS, pinned; bump deliberately (see README "Upgrading").
ARG NODE_VERSION=24.11.1

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY commands ./commands
COPY data ./data
RUN npm run build

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HEALTH_PORT=8080
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# Operators may mount their own dataset over this folder: -v ./data:/app/data:ro
COPY data ./data
# STATE_DIR (the SQLite database) lives on a volume mounted here; the bot runs as node.
RUN mkdir -p /app/state && chown node:node /app/state
USER node
EXPOSE 8080 3000 3001
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.HEALTH_PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node itself, not npm: npm would stand between Docker's SIGTERM and the bot's shutdown.
CMD ["node", "dist/src/main.js"]
