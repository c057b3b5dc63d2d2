/**
 * Paged list reads (`per_page` / `next_token`, X-Nomad-NextToken), folded page by page so a
 * farm-wide list is never one body in memory: 50,000 allocations are a 50 MB answer unpaged.
 * The next page is requested as soon as a page has arrived, and that page is parsed while the next travels.
 */
import type { z } from 'zod';
import { parseJson, type HttpReply } from '../http/json-client.js';
import { queryMeta, type NomadClient, type QueryMeta, type QueryOptions, type QueryResult } from './client.js';
import { PAGING_FIXED_IN, serversAtLeast } from './versions.js';

/** What a paged read folds into: `start` makes an empty result, `add` takes in one page. */
export interface PageFold<T, A> {
  start(): A;
  add(acc: A, page: readonly T[]): void;
}

/** One of Nomad's pages: big enough that 50,000 allocations take 50 requests, small enough to parse in milliseconds. */
export const DEFAULT_PAGE_SIZE = 1_000;

/**
 * Whether every server runs a build that pages correctly (PAGING_FIXED_IN): older servers, and
 * servers whose build could not be asked, are read unpaged.
 */
export function serversPageCorrectly(client: NomadClient, signal?: AbortSignal): Promise<boolean> {
  return serversAtLeast(client, PAGING_FIXED_IN, signal);
}

export { PAGING_FIXED_IN, versionAtLeast } from './versions.js';

/**
 * Reads every page of `path` (unpaged on servers older than PAGING_FIXED_IN). X-Nomad-Index is the
 * first page's: it is the oldest, so replaying events newer than it over the result is safe. A
 * token handed out twice (the same bug, on a server that misreports its build) is met by reading
 * the list once, unpaged, rather than looping.
 */
export async function foldPages<T, A>(
  client: NomadClient,
  path: string,
  pageSchema: z.ZodType<T[]>,
  what: string,
  fold: PageFold<T, A>,
  opts: QueryOptions & { perPage?: number; idTokens?: boolean } = {},
): Promise<QueryResult<A>> {
  const { perPage = DEFAULT_PAGE_SIZE, idTokens = false, ...query } = opts;
  // Lists whose tokens are plain IDs (the node list) never had hashicorp/nomad#25435: paged on every supported server.
  if (!idTokens && !(await serversPageCorrectly(client, query.signal))) return unpaged(client, path, pageSchema, what, fold, query);
  const get = (nextToken: string | undefined) => client.fetch(path, { ...query, params: { ...query.params, per_page: perPage, next_token: nextToken } });
  const acc = fold.start();
  const seen = new Set<string>();
  let first: QueryMeta | undefined;
  let pending: Promise<HttpReply> | undefined = get(undefined);
  try {
    while (pending !== undefined) {
      const reply: HttpReply = await pending;
      pending = undefined;
      const meta = queryMeta(reply);
      first ??= meta;
      if (meta.nextToken !== undefined) {
        if (seen.has(meta.nextToken)) return await unpaged(client, path, pageSchema, what, fold, query);
        seen.add(meta.nextToken);
        pending = get(meta.nextToken);
      }
      fold.add(acc, parseJson('nomad', reply.text, pageSchema, what));
    }
  } finally {
    // Leaving early (a bad page, an abort): the request already sent must not become an unhandled rejection.
    void pending?.catch(() => undefined);
  }
  const { nextToken: _last, ...meta } = first!;
  return { data: acc, meta };
}

async function unpaged<T, A>(
  client: NomadClient,
  path: string,
  pageSchema: z.ZodType<T[]>,
  what: string,
  fold: PageFold<T, A>,
  query: QueryOptions,
): Promise<QueryResult<A>> {
  const { data, meta } = await client.query(path, pageSchema, what, query);
  const acc = fold.start();
  fold.add(acc, data);
  return { data: acc, meta };
}
