# Multi-stage build on the current Node LTS; the runtime image runs as a non-root user.
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY commands ./commands
COPY jobs ./jobs
RUN npm run build && npm prune --omit=dev

FROM node:24-slim
ENV NODE_ENV=production
# declarations.git: the bot runs the git binary (and ssh for a deploy key); its clone lives in .ci-chatops.
RUN apt-get update && apt-get install -y --no-install-recommends git openssh-client ca-certificates \
  && rm -rf /var/lib/apt/lists/*
# V8 sizes its heap from the machine's memory, not the task's: on a 24 GiB host it let a bot with a
# ~70 MB live heap reach 340 MB RSS before collecting. 256 MB of old space keeps the bot watching
# 5,000 nodes near 200 MB RSS and fits the 384 MB of deploy/ci-chatops.nomad; raise both together
# for a bigger farm. `npm run bench` runs the bot with this setting.
ENV NODE_OPTIONS=--max-old-space-size=256
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json chatops.example.yaml ./
# The example declarations repository (declarations.dir default) and the CLI (check-config, render).
COPY examples ./examples
COPY deploy/cli.mjs ./deploy/cli.mjs
RUN mkdir -p /app/.ci-chatops && chown node:node /app/.ci-chatops
USER node
# 3000: Slack's /slack/events (HTTP mode only); 9464: /metrics, /healthz, /readyz (METRICS_PORT).
EXPOSE 3000 9464
HEALTHCHECK --interval=30s --timeout=5s CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.METRICS_PORT || 9464) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/main.js"]
