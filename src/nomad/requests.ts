/**
 * What the Nomad client's calls take and give besides Nomad's own objects (schemas/): query
 * options and metadata, drain specs, log requests. Data only, so the ports (src/ports/nomad.ts)
 * can name them without leaning on the client classes.
 */
export interface QueryMeta {
  /** X-Nomad-Index: pass it back as `index` to block until something changes. */
  lastIndex: number;
  knownLeader: boolean;
  lastContactMs: number;
  /** X-Nomad-NextToken: more pages follow; pass it back as `next_token` (see paging.ts). */
  nextToken?: string;
}

export interface QueryOptions {
  /** Blocking query: wait until the resource's index passes this one. */
  index?: number;
  /** Longest blocking time in ms (default and cap: Nomad's 300 s); the client's timeout is set above it. */
  waitMs?: number;
  namespace?: string;
  signal?: AbortSignal;
  params?: Record<string, string | number | boolean | undefined>;
}

export interface QueryResult<T> {
  data: T;
  meta: QueryMeta;
}

/** `nomad node drain -enable` options; the deadline is in nanoseconds on the wire. */
export interface DrainSpec {
  deadlineMs: number;
  ignoreSystemJobs?: boolean;
}

export interface LogRequest {
  task: string;
  type: 'stdout' | 'stderr';
  /** `end` with `offset` N: the last N bytes (what `nomad alloc logs -tail` asks for). */
  origin?: 'start' | 'end';
  offset?: number;
  /** Raw bytes instead of frames. */
  plain?: boolean;
}

export interface LogText {
  text: string;
  /** True when the text starts inside the file (its first line may be cut). */
  startsMidFile: boolean;
  /** `file deleted` / `file truncated` events seen while reading (log rotation). */
  fileEvents: string[];
}
