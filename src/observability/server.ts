/**
 * The operators' HTTP endpoints, on their own port (`METRICS_PORT`, default 9464) in both Slack
 * modes: `/healthz`, `/readyz`, `/metrics` and, when enabled, the queue dashboard. Kept apart from
 * Bolt's `/slack/events` on purpose: that port faces Slack (often through a public proxy), this
 * one stays on the internal network where Prometheus and the orchestrator's probes live.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { describeError } from '../errors.js';
import { authorized } from './auth.js';
import { DASHBOARD_PATH, type RequestHandler } from './dashboard.js';
import { checkReadiness, type ReadinessCheck } from './health.js';
import type { BotMetrics } from './metrics.js';

export interface ObservabilityOptions {
  port: number;
  /** Default 0.0.0.0 (the probes of a container platform come from outside the container). */
  host?: string;
  /** METRICS_TOKEN: when set, /metrics and the dashboard require it. */
  token?: string | undefined;
  metrics: BotMetrics;
  readiness: readonly ReadinessCheck[];
  readinessTimeoutMs?: number;
  /** The queue dashboard, or undefined when `observability.dashboard` is off. */
  dashboard?: RequestHandler | undefined;
  log: Logger;
}

export interface ObservabilityServer {
  port: number;
  close(): Promise<void>;
}

export async function startObservabilityServer(o: ObservabilityOptions): Promise<ObservabilityServer> {
  const server = createServer((req, res) => {
    route(req, res, o).catch((err: unknown) => {
      o.log.error({ err: describeError(err), path: req.url }, 'observability endpoint failed');
      if (!res.headersSent) send(res, 500, 'text/plain', 'internal error\n');
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host ?? '0.0.0.0', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function route(req: IncomingMessage, res: ServerResponse, o: ObservabilityOptions): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (path === '/healthz') return send(res, 200, 'text/plain', 'ok\n');
  if (path === '/readyz') {
    const r = await checkReadiness(o.readiness, o.readinessTimeoutMs);
    // Degraded answers 200: the replica stays in the load balancer, its requests wait for the dependency to come back.
    const status = !r.ready ? 'not ready' : r.degraded.length ? 'degraded' : 'ready';
    const body = { status, ...(r.ready ? {} : { failing: r.failing }), ...(r.degraded.length ? { degraded: r.degraded } : {}), checks: r.checks };
    return send(res, r.ready ? 200 : 503, 'application/json', `${JSON.stringify(body)}\n`);
  }
  if (path === '/metrics') {
    if (!authorized(req, o.token)) return unauthorized(res, 'Bearer realm="ci-chatops"');
    return send(res, 200, o.metrics.contentType, await o.metrics.scrape());
  }
  if (path === DASHBOARD_PATH || path.startsWith(`${DASHBOARD_PATH}/`)) {
    if (!o.dashboard) return send(res, 404, 'text/plain', 'the queue dashboard is off (observability.dashboard: true turns it on)\n');
    if (!authorized(req, o.token)) return unauthorized(res, 'Basic realm="ci-chatops", charset="UTF-8"');
    return o.dashboard(req, res);
  }
  send(res, 404, 'text/plain', 'not found: try /metrics, /healthz, /readyz\n');
}

function unauthorized(res: ServerResponse, challenge: string): void {
  res.setHeader('www-authenticate', challenge);
  send(res, 401, 'text/plain', 'unauthorized: send METRICS_TOKEN as a bearer token (or as the Basic auth password)\n');
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}
