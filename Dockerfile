# Multi-stage build on the current Node LTS; the runtime image runs as a non-root user.
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY commands ./commands
COPY jobs ./jobs
COPY sim ./sim
RUN npm run build && npm prune --omit=dev

FROM node:24-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json chatops.example.yaml ./
# The example declarations repository (declarations.dir default) and the CLI (check-config, render).
COPY examples ./examples
COPY deploy/cli.mjs ./deploy/cli.mjs
USER node
# 3000: Slack's /slack/events (HTTP mode only); 9464: /metrics, /healthz, /readyz (METRICS_PORT).
EXPOSE 3000 9464
HEALTHCHECK --interval=30s --timeout=5s CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.METRICS_PORT || 9464) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/main.js"]
