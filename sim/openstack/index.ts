/**
 * A simulated OpenStack cloud on one HTTP server: Keystone (`/identity`), Nova (`/compute/v2.1`),
 * Cinder (`/volume/v3/<project_id>`) and Glance (`/image`), with state that changes over time
 * and controls for the failures operators meet.
 */
import type { IncomingMessage } from 'node:http';
import { sleep, startSimServer, SimRouter, type SimRequest } from '../http/server.js';
import type { ServerResponse } from 'node:http';
import { cinderRoutes } from './cinder.js';
import type { SimContext } from './context.js';
import { sendFault, sendKeystoneError, UNAUTHENTICATED } from './faults.js';
import { glanceRoutes } from './glance.js';
import { keystoneRoutes } from './keystone.js';
import { defaultCreateFailure } from './lifecycle.js';
import type { SimCloud, SimQuota, SimTiming, SimToken } from './model.js';
import { novaActionRoutes } from './nova-actions.js';
import { novaFlavorRoutes } from './nova-flavors.js';
import { novaServerRoutes } from './nova-servers.js';
import { aliceCloud } from './scenario.js';
import { SimState, type PendingFailure } from './state.js';
import { statesFor } from './status.js';

export interface OpenStackSimOptions {
  /** Default: `aliceCloud()`. */
  cloud?: SimCloud;
  /** Durations of asynchronous work; keep them small in tests. */
  timing?: Partial<SimTiming>;
  /** Token lifetime (Keystone's default is 3600 s). */
  tokenTtlMs?: number;
  /** Catalog type for Cinder: `block-storage` (default) or an alias like `volumev3`. */
  blockStorageType?: string;
  /** Nova's `[api] max_limit` (default 1000): lower it to exercise paging. */
  maxLimit?: number;
  /** The newest compute microversion (default 2.104): e.g. `2.36` for a cloud older than Newton. */
  computeMaxVersion?: string;
  port?: number;
  /** The cloud's clock (default: the system's). Tests that look at a state in between move it by hand. */
  now?: () => number;
}

export interface OpenStackSimControls {
  /** The next create (of `name`, or any) ends in ERROR with Nova's "No valid host" fault or `message`. */
  failNextCreate(name?: string, message?: string): void;
  /** Puts a server in a status at once (e.g. ERROR, SHUTOFF, or a stuck REBUILD for conflict tests). */
  setServerStatus(nameOrId: string, status: string): void;
  /** Delay before every answer. */
  setLatency(ms: number): void;
  /** The next request whose path contains `path` (or any) fails with `status` and the service's error body. */
  failNext(failure: PendingFailure): void;
  /** Every issued token becomes invalid: the next call gets 401 and must authenticate again. */
  expireTokens(): void;
  /** Changes the quota of a project (default: "ALICE Release Testing"). */
  setQuota(quota: Partial<SimQuota>, projectName?: string): void;
  setTiming(timing: Partial<SimTiming>): void;
}

export interface OpenStackSim {
  url: string;
  /** What to put in OS_AUTH_URL. */
  authUrl: string;
  state: SimState;
  controls: OpenStackSimControls;
  close(): Promise<void>;
}

const DEFAULT_TIMING: SimTiming = { bootMs: 3000, rebootMs: 2000, rebuildMs: 4000, volumeMs: 500, deleteMs: 500 };

export async function startOpenStackSim(opts: OpenStackSimOptions = {}): Promise<OpenStackSim> {
  const state = new SimState(opts.cloud ?? aliceCloud(), { ...DEFAULT_TIMING, ...opts.timing }, opts.tokenTtlMs ?? 3_600_000, opts.now);
  if (opts.blockStorageType) state.blockStorageType = opts.blockStorageType;
  if (opts.maxLimit) state.maxLimit = opts.maxLimit;
  if (opts.computeMaxVersion) state.computeMaxVersion = opts.computeMaxVersion;
  const ctx: SimContext = { state, url: '', tokens: new WeakMap<IncomingMessage, SimToken>() };
  const router = new SimRouter();
  keystoneRoutes(router, ctx);
  novaServerRoutes(router, ctx);
  novaActionRoutes(router, ctx);
  novaFlavorRoutes(router, ctx);
  cinderRoutes(router, ctx);
  glanceRoutes(router, ctx);
  const server = await startSimServer(router, {
    ...(opts.port ? { port: opts.port } : {}),
    before: (req, res) => before(ctx, req, res),
    notFound: (_req, res) => sendFault(res, 404, 'The resource could not be found.'),
  });
  ctx.url = server.url;
  const project = (name?: string) => {
    const p = state.cloud.projects.find((x) => x.name === (name ?? 'ALICE Release Testing')) ?? state.cloud.projects[0];
    if (!p) throw new Error(`no project ${name}`);
    return p;
  };
  const controls: OpenStackSimControls = {
    failNextCreate: (name, message = defaultCreateFailure) => void state.createFailures.push({ ...(name ? { name } : {}), message }),
    setServerStatus: (nameOrId, status) => {
      const s = state.server(nameOrId);
      if (!s) throw new Error(`setServerStatus: no server ${nameOrId}`);
      Object.assign(s, statesFor(status), { steps: [], updated: state.iso() });
      s.fault = status === 'ERROR' ? { code: 500, message: 'Simulated failure (setServerStatus)', created: state.iso() } : undefined;
    },
    setLatency: (ms) => void (state.latencyMs = ms),
    failNext: (failure) => void state.failures.push(failure),
    expireTokens: () => {
      for (const t of state.tokens.values()) t.expiresAt = 0;
    },
    setQuota: (quota, projectName) => {
      const id = project(projectName).id;
      state.cloud.quotas[id] = { ...state.quota(id), ...quota };
    },
    setTiming: (timing) => void (state.timing = { ...state.timing, ...timing }),
  };
  return { url: server.url, authUrl: `${server.url}/identity/v3`, state, controls, close: () => server.close() };
}

/** Request log, latency, injected failures and the token check (keystonemiddleware) in front of every service. */
async function before(ctx: SimContext, req: SimRequest, res: ServerResponse): Promise<boolean> {
  const { state } = ctx;
  const internal = req.path.startsWith('/internal/');
  // Internal endpoints are the same services; the prefix only shows which catalog entry the client used.
  if (internal) req.path = req.path.slice('/internal'.length);
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  state.requests.push({ method: req.method, path: req.path, query: req.query, interface: internal ? 'internal' : 'public', headers });
  // A long demo must not grow the log without bound.
  if (state.requests.length > 5000) state.requests.splice(0, 1000);
  if (state.latencyMs > 0) await sleep(state.latencyMs);
  const identity = req.path.startsWith('/identity/');
  const i = state.failures.findIndex((f) => f.path === undefined || (typeof f.path === 'string' ? req.path.includes(f.path) : f.path.test(req.path)));
  if (i >= 0) {
    const f = state.failures.splice(i, 1)[0] as PendingFailure;
    const message =
      f.message ??
      (f.status >= 500
        ? 'Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.'
        : 'Simulated failure');
    if (identity || f.status === 401) sendKeystoneError(res, f.status, f.status === 401 ? UNAUTHENTICATED : message, `${ctx.url}/identity`);
    else sendFault(res, f.status, message);
    return true;
  }
  if (identity || req.path === '/compute/' || req.path === '/compute/v2.1/') return false;
  const id = req.headers['x-auth-token'];
  const token = typeof id === 'string' ? state.tokens.get(id) : undefined;
  if (!token || token.expiresAt <= state.now()) {
    sendKeystoneError(res, 401, UNAUTHENTICATED, `${ctx.url}/identity`);
    return true;
  }
  ctx.tokens.set(req.raw, token);
  return false;
}
