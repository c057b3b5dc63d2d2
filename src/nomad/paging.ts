/**
 * Paged list reads (`per_page` / `next_token`, X-Nomad-NextToken), folded page by page so a
 * farm-wide list is never one body in memory: 50,000 allocations are a 50 MB answer unpaged.
 * The next page is requested as soon as a page has arrived, and that page is parsed while the next travels.
 */
import type { z } from 'zod';
import { parseJson, type HttpReply } from '../http/json-client.js';
import { queryMeta, type NomadClient, type QueryMeta, type QueryOptions, type QueryResult } from './client.js';
import { NomadAgentMembers } from './cluster.js';

/** What a paged read folds into: `start` makes an empty result, `add` takes in one page. */
export interface PageFold<T, A> {
  start(): A;
  add(acc: A, page: readonly T[]): void;
}

/** One of Nomad's pages: big enough that 50,000 allocations take 50 requests, small enough to parse in milliseconds. */
export const DEFAULT_PAGE_SIZE = 1_000;

/**
 * Nomad compared page tokens as strings before 1.10.1 (hashicorp/nomad#25435, fixed by #25792):
 * with allocations created at indexes of different lengths a page could repeat, or the list end
 * early without a sign. Older servers are read unpaged.
 */
export const PAGING_FIXED_IN: readonly [number, number, number] = [1, 10, 1];

/** `1.10.5`, `1.10.5+ent` or `1.11.0-beta.1` against [1, 10, 1]; false for anything unparsable. */
export function versionAtLeast(version: string, min: readonly [number, number, number]): boolean {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!m) return false;
  for (let i = 0; i < 3; i++) {
    const part = Number(m[i + 1]);
    if (part !== min[i]) return part > min[i]!;
  }
  return true;
}

const pagingChecks = new WeakMap<NomadClient, Promise<boolean>>();

/**
 * Whether every server (Serf members with `role=nomad`) runs a build that pages correctly. Asked
 * once per client; a failed question is asked again next time, and reads go unpaged meanwhile.
 */
export function serversPageCorrectly(client: NomadClient, signal?: AbortSignal): Promise<boolean> {
  let check = pagingChecks.get(client);
  if (!check) {
    check = client.query('agent/members', NomadAgentMembers, 'agent members', signal ? { signal } : {}).then(
      ({ data }) => {
        const builds = data.Members.filter((m) => m.Tags?.role === 'nomad').map((m) => m.Tags?.build ?? '');
        return builds.length > 0 && builds.every((b) => versionAtLeast(b, PAGING_FIXED_IN));
      },
      () => {
        pagingChecks.delete(client);
        return false;
      },
    );
    pagingChecks.set(client, check);
  }
  return check;
}

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
  opts: QueryOptions & { perPage?: number } = {},
): Promise<QueryResult<A>> {
  const { perPage = DEFAULT_PAGE_SIZE, ...query } = opts;
  if (!(await serversPageCorrectly(client, query.signal))) return unpaged(client, path, pageSchema, what, fold, query);
  const get = (nextToken: string | undefined) => client.fetch(path, { ...query, params: { ...query.params, per_page: perPage, next_token: nextToken } });
  const acc = fold.start();
  const seen = new Set<string>();
  let first: QueryMeta | undefined;
  let pending: Promise<HttpReply> | undefined = get(undefined);
  try {
    while (pending) {
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

async function unpaged<T, A>(client: NomadClient, path: string, pageSchema: z.ZodType<T[]>, what: string, fold: PageFold<T, A>, query: QueryOptions): Promise<QueryResult<A>> {
  const { data, meta } = await client.query(path, pageSchema, what, query);
  const acc = fold.start();
  fold.add(acc, data);
  return { data: acc, meta };
}
