/**
 * Transport for the Nomad HTTP API, shaped like nomad/api's Client: auth, region, namespace,
 * QueryMeta from the X-Nomad-* headers, blocking queries. Endpoint families live in their own files.
 */
import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import { HttpApiError } from '../errors.js';
import { registerSecret } from '../redact.js';
import { createDispatcher } from '../http/tls.js';
import { headerValue, JsonHttpClient, parseJson, type HttpReply } from '../http/json-client.js';
import { retry, type RetryPolicy } from '../http/retry.js';
import type { NomadSettings } from './config.js';

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
  /** Maximum blocking time, as a Go duration (`10s`, `5m`); Nomad caps it at 300 s. */
  wait?: string;
  namespace?: string;
  signal?: AbortSignal;
  params?: Record<string, string | number | boolean | undefined>;
}

export interface QueryResult<T> {
  data: T;
  meta: QueryMeta;
}

export class NomadClient {
  readonly http: JsonHttpClient;
  readonly dispatcher: Dispatcher;

  constructor(
    readonly settings: NomadSettings,
    dispatcher?: Dispatcher,
    /** How reads and plans are retried; writes never are (see `RetryPolicy`). */
    readonly retryPolicy: RetryPolicy = NOMAD_RETRY,
  ) {
    registerSecret(settings.token);
    this.dispatcher = dispatcher ?? createDispatcher(settings.tls);
    this.http = new JsonHttpClient('nomad', this.dispatcher);
  }

  url(path: string, opts: QueryOptions = {}): string {
    const u = new URL(`/v1/${path.replace(/^\/+/, '')}`, this.settings.address);
    const ns = opts.namespace ?? this.settings.namespace;
    if (ns) u.searchParams.set('namespace', ns);
    if (this.settings.region) u.searchParams.set('region', this.settings.region);
    if (opts.index !== undefined) u.searchParams.set('index', String(opts.index));
    if (opts.wait) u.searchParams.set('wait', opts.wait);
    for (const [k, v] of Object.entries(opts.params ?? {})) if (v !== undefined) u.searchParams.set(k, String(v));
    return u.toString();
  }

  headers(): Record<string, string> {
    return this.settings.token ? { 'x-nomad-token': this.settings.token } : {};
  }

  async query<S extends z.ZodType>(path: string, schema: S, what: string, opts: QueryOptions = {}): Promise<QueryResult<z.infer<S>>> {
    const reply = await this.fetch(path, opts);
    return { data: parseJson('nomad', reply.text, schema, what), meta: queryMeta(reply) };
  }

  /** A read whose body the caller parses: a paged read parses one page while the next is on its way. */
  fetch(path: string, opts: QueryOptions = {}): Promise<HttpReply> {
    return this.withRetries(opts.signal, () => this.http.send({ method: 'GET', url: this.url(path, opts), headers: this.headers(), signal: opts.signal }));
  }

  async write<S extends z.ZodType>(
    method: 'POST' | 'PUT' | 'DELETE',
    path: string,
    body: unknown,
    schema: S,
    what: string,
    opts: QueryOptions = {},
  ): Promise<z.infer<S>> {
    const call = () => this.http.json({ method, url: this.url(path, opts), headers: this.headers(), body, signal: opts.signal }, schema, what);
    // A plan is a dry run and may be repeated; any other write (scale, register, stop) goes out once:
    // after a reset we cannot know whether Nomad applied it, so the caller must look before acting again.
    const { data } = await (isDryRun(method, path) ? this.withRetries(opts.signal, call) : call());
    return data;
  }

  /** Runs an idempotent call, retrying transient failures with exponential backoff and jitter. */
  private withRetries<T>(signal: AbortSignal | undefined, call: () => Promise<T>): Promise<T> {
    return retry(call, { policy: this.retryPolicy, retryable: isTransientNomadError, signal });
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}

/**
 * Retries of idempotent Nomad calls (GETs, blocking queries and `job plan`): bounded, so a Nomad
 * that stays down turns into a clear error within about a second instead of a hung request.
 */
export const NOMAD_RETRY: RetryPolicy = { attempts: 3, initialMs: 200, maxMs: 2_000, jitter: 'equal' };

/** Network errors undici reports for resets, refusals and timeouts. */
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);

/** 5xx (leader election, overload) and 429 may pass; 4xx, bad bodies and aborts will not. */
export function isTransientNomadError(err: unknown): boolean {
  if (err instanceof HttpApiError) return err.status >= 500 || err.status === 429;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TRANSIENT_CODES.has(code);
}

const isDryRun = (method: string, path: string) => method === 'POST' && /^\/?job\/[^/]+\/plan$/.test(path);

export function queryMeta(reply: HttpReply): QueryMeta {
  const nextToken = headerValue(reply.headers, 'x-nomad-nexttoken');
  return {
    lastIndex: Number(headerValue(reply.headers, 'x-nomad-index') ?? 0),
    knownLeader: headerValue(reply.headers, 'x-nomad-knownleader') === 'true',
    lastContactMs: Number(headerValue(reply.headers, 'x-nomad-lastcontact') ?? 0),
    ...(nextToken ? { nextToken } : {}),
  };
}

export const pathSegment = (s: string) => encodeURIComponent(s);
