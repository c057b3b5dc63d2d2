/**
 * Nomad's list pagination (nomad/state/paginator): `per_page` caps a page, `next_token` resumes,
 * and `X-Nomad-NextToken` names the first item of the next page; no header on the last page.
 *
 * The allocation list's token is `<CreateIndex>.<ID>` (CreateIndexAndIDTokenizer, as a real
 * 1.9 agent answers: `x-nomad-nexttoken: 1008746.8e80310f-…`). The simulator compares the two parts
 * separately, as Nomad does since the fix for hashicorp/nomad#25435 (1.10.1); before it, the
 * comparison was lexicographic and a page could hand back the token it was given.
 */
import type { SimRequest } from '../../http/server.js';

export interface PageRequest {
  /** 0: no pagination (the whole list). */
  perPage: number;
  nextToken: string;
}

/** As `parsePagination` in command/agent/http.go: a `per_page` that is not an integer is ignored. */
export function pageRequest(req: SimRequest): PageRequest {
  const raw = req.query.get('per_page') ?? '';
  const perPage = /^\d{1,9}$/.test(raw) ? Number(raw) : 0;
  return { perPage, nextToken: req.query.get('next_token') ?? '' };
}

export interface Page<T> {
  items: T[];
  /** Token of the first item of the next page; undefined on the last page. */
  nextToken: string | undefined;
}

export interface Tokenizer<T> {
  token(item: T): string;
  /** Negative when `item` sorts before the position `token` names. */
  compare(item: T, token: string): number;
  /** False when `compare` does not follow the list's order (the old paginator): no binary search then. */
  ordered?: false;
}

/** `<CreateIndex>.<ID>`, compared as a number and then as a string. */
export const createIndexAndId: Tokenizer<{ CreateIndex: number; ID: string }> = {
  token: (a) => `${a.CreateIndex}.${a.ID}`,
  compare(a, token) {
    const dot = token.indexOf('.');
    const index = Number(dot < 0 ? token : token.slice(0, dot));
    const id = dot < 0 ? '' : token.slice(dot + 1);
    if (!Number.isFinite(index)) return 1;
    return a.CreateIndex - index || (a.ID < id ? -1 : a.ID > id ? 1 : 0);
  },
};

/**
 * Nomad before 1.10.1 compared whole tokens as strings, so `101.x` sorted after `1008746.y` and a
 * later page could start over among old allocations and hand back a token already given
 * (hashicorp/nomad#25435). Kept to prove the bot survives such an agent.
 */
export const createIndexAndIdBefore1101: Tokenizer<{ CreateIndex: number; ID: string }> = {
  token: createIndexAndId.token,
  compare: (a, token) => {
    const t = createIndexAndId.token(a);
    return t < token ? -1 : t > token ? 1 : 0;
  },
  ordered: false,
};

/**
 * The node list's tokens: the node ID itself, in ID order (paginated since Nomad 1.3.0,
 * hashicorp/nomad#12727). Plain IDs compare the same as strings and as IDs, so this list never
 * had the 1.10.1 bug.
 */
export const nodeId: Tokenizer<{ ID: string }> = {
  token: (n) => n.ID,
  compare: (n, token) => (n.ID < token ? -1 : n.ID > token ? 1 : 0),
};

/** By ID alone: the order of a prefix lookup (the state store's `id` index). */
export const byId: Tokenizer<{ CreateIndex: number; ID: string }> = {
  token: createIndexAndId.token,
  compare(a, token) {
    const id = token.slice(token.indexOf('.') + 1);
    return a.ID < id ? -1 : a.ID > id ? 1 : 0;
  },
};

/**
 * One page of `sorted` (already in the tokenizer's order) among the items `keep` accepts.
 * The start is found by binary search, so reading a 50,000-item list page by page stays linear.
 */
export function paginate<T>(sorted: readonly T[], keep: (item: T) => boolean, tk: Tokenizer<T>, req: PageRequest): Page<T> {
  let i = 0;
  if (req.nextToken && tk.ordered === false) {
    return paginate(
      sorted.filter((item) => tk.compare(item, req.nextToken) >= 0),
      keep,
      tk,
      { ...req, nextToken: '' },
    );
  }
  if (req.nextToken) {
    let hi = sorted.length;
    while (i < hi) {
      const mid = (i + hi) >>> 1;
      if (tk.compare(sorted[mid]!, req.nextToken) < 0) i = mid + 1;
      else hi = mid;
    }
  }
  const items: T[] = [];
  for (; i < sorted.length; i++) {
    const item = sorted[i]!;
    if (!keep(item)) continue;
    if (req.perPage > 0 && items.length === req.perPage) return { items, nextToken: tk.token(item) };
    items.push(item);
  }
  return { items, nextToken: undefined };
}
