/**
 * Blocking queries (nomad/rpc.go blockingRPC): with `index` > 0 the answer waits until the
 * watched index passes it or `wait` (Go duration, default and cap 300 s) runs out.
 */
import type { ServerResponse } from 'node:http';
import type { SimRequest } from '../../http/server.js';
import type { NomadClusterState } from '../state/cluster-state.js';
import { NomadHttpError } from './errors.js';
import { parseGoDuration, readMeta, writeJson } from './wire.js';

const MAX_WAIT_MS = 300_000;

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
  let waitMs = MAX_WAIT_MS;
  if (waitText !== null) {
    const parsed = parseGoDuration(waitText);
    if (parsed === undefined) throw new NomadHttpError(400, 'Invalid wait time');
    waitMs = Math.min(parsed, MAX_WAIT_MS);
  }
  return { minIndex, waitMs };
}

/** Resolves when `indexOf()` exceeds `minIndex`, the wait runs out, or the client goes away. */
export function waitForIndex(state: NomadClusterState, res: ServerResponse, indexOf: () => number, p: BlockingParams): Promise<void> {
  if (p.minIndex === 0 || indexOf() > p.minIndex) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      unsubscribe();
      res.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, p.waitMs);
    const unsubscribe = state.onCommit(() => {
      if (indexOf() > p.minIndex) done();
    });
    res.on('close', done);
  });
}

/** What a paged list renders: its JSON text and the token of the next page (X-Nomad-NextToken). */
export class PagedBody {
  constructor(
    readonly json: string,
    readonly nextToken: string | undefined,
  ) {}
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
  await waitForIndex(state, res, indexOf, params);
  if (res.destroyed) return;
  const rendered = render();
  const meta = readMeta(Math.max(1, indexOf()));
  if (!(rendered instanceof PagedBody)) return writeJson(req, res, 200, rendered, meta);
  const headers = rendered.nextToken === undefined ? meta : { ...meta, 'X-Nomad-NextToken': rendered.nextToken };
  if (req.query.has('pretty')) return writeJson(req, res, 200, JSON.parse(rendered.json), headers);
  res.writeHead(200, { 'content-type': 'application/json', ...headers });
  res.end(rendered.json);
}
