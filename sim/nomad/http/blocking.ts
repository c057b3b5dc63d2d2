/**
 * Blocking queries (nomad/rpc.go blockingRPC): with `index` > 0 the answer waits until the
 * watched index passes it or `wait` runs out, plus a random jitter of up to wait/16; nothing, not
 * even the headers, is sent before then (the HTTP handler writes only after the RPC returns).
 */
import type { ServerResponse } from 'node:http';
import type { SimRequest } from '../../http/server.js';
import type { BlockingJitter, NomadClusterState } from '../state/cluster-state.js';
import { NomadHttpError } from './errors.js';
import { parseGoDuration, readMeta, writeJson } from './wire.js';

/**
 * nomad/structs/structs.go: MaxBlockingRPCQueryTime = 300 s caps `wait`, and
 * DefaultBlockingRPCQueryTime = 300 s applies when `wait` is absent or not positive (TimeToBlock).
 */
const MAX_WAIT_MS = 300_000;
const DEFAULT_WAIT_MS = 300_000;
/** nomad/structs/structs.go JitterFraction: blockingRPC adds helper.RandomStagger(wait / 16). */
const JITTER_FRACTION = 16;

export interface BlockingParams {
  minIndex: number;
  waitMs: number;
}

export function blockingParams(req: SimRequest): BlockingParams {
  const indexText = req.query.get('index');
  const waitText = req.query.get('wait');
  const stale = req.query.get('stale');
  if (stale !== null && !['', 'true', 'false'].includes(stale)) {
    throw new NomadHttpError(400, 'Expect `true` or `false` for `stale` query string parameter');
  }
  let minIndex = 0;
  if (indexText !== null) {
    if (!/^\d+$/.test(indexText)) throw new NomadHttpError(400, 'Invalid index');
    minIndex = Number(indexText);
  }
  let waitMs = DEFAULT_WAIT_MS;
  if (waitText !== null && waitText !== '') {
    const parsed = parseGoDuration(waitText);
    if (parsed === undefined) throw new NomadHttpError(400, 'Invalid wait time');
    waitMs = parsed <= 0 ? DEFAULT_WAIT_MS : Math.min(parsed, MAX_WAIT_MS);
  }
  return { minIndex, waitMs };
}

/** How long the server holds a query that sees no change: the wait plus its jitter. */
export function holdMs(waitMs: number, jitter: BlockingJitter, random: () => number = Math.random): number {
  const most = waitMs / JITTER_FRACTION;
  return waitMs + (jitter === 'max' ? most : jitter === 'none' ? 0 : random() * most);
}

/** Resolves when `indexOf()` exceeds `minIndex`, the wait (plus jitter) runs out, or the client goes away. */
export function waitForIndex(state: NomadClusterState, req: SimRequest, res: ServerResponse, indexOf: () => number, p: BlockingParams): Promise<void> {
  // blockingRPC's fast path: index 0 is not a blocking query; an index already passed answers at once.
  if (p.minIndex === 0 || indexOf() > p.minIndex) return Promise.resolve();
  const started = performance.now();
  return new Promise<void>((resolve) => {
    const done = (abandoned: boolean) => {
      clearTimeout(timer);
      unsubscribe();
      res.off('close', hungUp);
      state.blocking.held.push({ path: req.path, waitMs: p.waitMs, heldMs: performance.now() - started, abandoned });
      resolve();
    };
    const hungUp = () => done(true);
    const timer = setTimeout(() => done(false), holdMs(p.waitMs, state.blocking.jitter));
    const unsubscribe = state.onCommit(() => {
      if (indexOf() > p.minIndex) done(false);
    });
    res.on('close', hungUp);
  });
}

/** What a paged list renders: its JSON text and the token of the next page (X-Nomad-NextToken). */
export class PagedBody {
  constructor(
    readonly json: string | Buffer,
    readonly nextToken: string | undefined,
  ) {}
}

const OPEN = Buffer.from('[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']');

/**
 * A JSON array from its items' JSON, as bytes: a page of 1,000 allocations is 1 MB, and joining
 * cached strings then encoding them cost the simulator more than everything else a read does.
 */
export function jsonArray(items: readonly Buffer[]): Buffer {
  const parts: Buffer[] = [OPEN];
  for (let i = 0; i < items.length; i++) {
    if (i > 0) parts.push(COMMA);
    parts.push(items[i]!);
  }
  parts.push(CLOSE);
  return Buffer.concat(parts);
}

/**
 * Answers a read: blocks as asked, then renders. `indexOf` is the index the read watches
 * (a table's, or an object's ModifyIndex); it becomes X-Nomad-Index.
 */
export async function blockingRead(
  state: NomadClusterState,
  req: SimRequest,
  res: ServerResponse,
  indexOf: () => number,
  render: () => unknown,
): Promise<void> {
  const params = blockingParams(req);
  await waitForIndex(state, req, res, indexOf, params);
  if (res.destroyed) return;
  const rendered = render();
  const meta = readMeta(Math.max(1, indexOf()));
  if (!(rendered instanceof PagedBody)) return writeJson(req, res, 200, rendered, meta);
  const headers = rendered.nextToken === undefined ? meta : { ...meta, 'X-Nomad-NextToken': rendered.nextToken };
  if (req.query.has('pretty')) return writeJson(req, res, 200, JSON.parse(rendered.json.toString()), headers);
  res.writeHead(200, { 'content-type': 'application/json', ...headers });
  res.end(rendered.json);
}
