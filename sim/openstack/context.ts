/** What every route of the OpenStack simulator needs: state, its own URL, the caller's token. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimRequest } from '../http/server.js';
import type { SimToken } from './model.js';
import type { SimState } from './state.js';

export interface SimContext {
  state: SimState;
  /** Filled in once the server listens. */
  url: string;
  /** The validated token of a request (set by the auth check in front of every service). */
  tokens: WeakMap<IncomingMessage, SimToken>;
}

export function tokenOf(ctx: SimContext, req: SimRequest): SimToken {
  const t = ctx.tokens.get(req.raw);
  if (!t) throw new Error('route reached without a token');
  return t;
}

export function readJson(req: SimRequest): unknown {
  try {
    return JSON.parse(req.text);
  } catch {
    return undefined;
  }
}

export type Handler = (req: SimRequest, res: ServerResponse) => void;
