/**
 * `POST /api/<method>`: scenario faults, auth, the chat.postMessage rate limit, then the method.
 * Answers like Slack: HTTP 200 with `{ok}` for everything but 429 (reference B3).
 */
import type { ServerResponse } from 'node:http';
import type { SimRequest } from '../http/server.js';
import { sendJson, sendText } from '../http/server.js';
import { SlackApiFailure } from './api-failure.js';
import type { ApiArgs, SimContext } from './context.js';
import type { FaultPlan } from './faults.js';
import { apiMethods } from './methods/index.js';
import type { ChannelRateLimiter } from './rate-limit.js';
import { decodeBody } from './request-args.js';
import type { SocketModeLink } from './socket-mode.js';

export interface SlackSimStats {
  /** Calls received per method, including refused ones. */
  calls: Record<string, number>;
  /** 429 answers sent (rate limit and injected). */
  rateLimited: number;
}

export interface WebApiDeps {
  ctx: SimContext;
  botToken: string;
  faults: FaultPlan;
  limiter?: ChannelRateLimiter | undefined;
  stats: SlackSimStats;
  socketMode?: SocketModeLink | undefined;
}

export async function handleWebApi(deps: WebApiDeps, req: SimRequest, res: ServerResponse): Promise<void> {
  const method = req.params['method'] ?? '';
  deps.stats.calls[method] = (deps.stats.calls[method] ?? 0) + 1;
  const fault = deps.faults.take(method);
  if (fault?.kind === 'ratelimited') return rateLimited(deps, res, fault.retryAfterSec);
  if (fault?.kind === 'error') return sendJson(res, 200, { ok: false, error: fault.error });
  if (fault?.kind === 'http') return sendText(res, fault.status, `simulated HTTP ${fault.status}`);
  try {
    const { args } = await decodeBody(req);
    // The one method for the app-level token (Socket Mode); every other method wants the bot token.
    if (method === 'apps.connections.open') {
      if (!deps.socketMode) throw new SlackApiFailure('invalid_auth');
      return sendJson(res, 200, { ok: true, ...deps.socketMode.open(tokenOf(req, args), deps.botToken) });
    }
    checkAuth(deps.botToken, req, args, deps.socketMode?.appToken);
    const handler = apiMethods[method];
    if (!handler) throw new SlackApiFailure('unknown_method');
    if (method === 'chat.postMessage' && deps.limiter && typeof args['channel'] === 'string') {
      const channel = deps.ctx.store.channel(args['channel']);
      const retryAfter = channel ? deps.limiter.take(channel.id) : undefined;
      if (retryAfter !== undefined) return rateLimited(deps, res, retryAfter);
    }
    const result = await handler(deps.ctx, args);
    sendJson(res, 200, { ok: true, ...result });
  } catch (err) {
    if (err instanceof SlackApiFailure) return sendJson(res, 200, err.toBody());
    throw err;
  }
}

function tokenOf(req: SimRequest, args: ApiArgs): string {
  const header = String(req.headers.authorization ?? '');
  const bearer = header.toLowerCase().startsWith('bearer ') ? header.slice(7).trim() : '';
  return bearer || (typeof args['token'] === 'string' ? args['token'] : '');
}

function checkAuth(botToken: string, req: SimRequest, args: ApiArgs, appToken?: string): void {
  const token = tokenOf(req, args);
  if (!token) throw new SlackApiFailure('not_authed');
  if (appToken && token === appToken) throw new SlackApiFailure('not_allowed_token_type');
  if (token !== botToken) throw new SlackApiFailure('invalid_auth');
}

function rateLimited(deps: WebApiDeps, res: ServerResponse, retryAfterSec: number): void {
  deps.stats.rateLimited += 1;
  sendJson(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfterSec) });
}
