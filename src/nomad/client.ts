/**
 * Transport for the Nomad HTTP API, shaped like nomad/api's Client: auth, region, namespace,
 * QueryMeta from the X-Nomad-* headers, blocking queries. Endpoint families live in their own files.
 */
import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import { HttpApiError } from '../errors.js';
import { Redactor } from '../redact.js';
import { createDispatcher } from '../http/tls.js';
import { headerValue, JsonHttpClient, parseJson, type HttpReply } from '../http/json-client.js';
import { retry, type RetryPolicy } from '../http/retry.js';
import type { NomadSettings } from './config.js';
import { explainNomadAnswer } from './explain.js';
import type { QueryMeta, QueryOptions, QueryResult } from './requests.js';

export type { QueryMeta, QueryOptions, QueryResult } from './requests.js';

export interface NomadClientOptions {
  /** Default: one built from the settings' TLS, with `headersTimeoutMs`. */
  dispatcher?: Dispatcher;
  /** How long an ordinary call may take to answer (default 30 s); a blocking query gets its wait on top. */
  headersTimeoutMs?: number;
  /** How reads and plans are retried; writes never are. */
  retry?: RetryPolicy;
  /** The bot's secrets: the token joins them, and error bodies are masked with them. */
  redactor?: Redactor;
}

/**
 * nomad/structs/structs.go: MaxBlockingRPCQueryTime (300 s) caps a blocking query's wait, and
 * DefaultBlockingRPCQueryTime (300 s) applies when none is given.
 */
export const MAX_BLOCKING_WAIT_MS = 300_000;
/** nomad/structs JitterFraction: nomad/rpc.go blockingRPC holds a query up to wait/16 longer than asked. */
const JITTER_FRACTION = 16;

/** The wait a blocking query sends (ms), or undefined when `opts` is not one (no index, or index 0). */
export function blockingWaitMs(opts: Pick<QueryOptions, 'index' | 'waitMs'>): number | undefined {
  if (!opts.index) return undefined;
  return Math.min(MAX_BLOCKING_WAIT_MS, Math.max(1, Math.ceil(opts.waitMs ?? MAX_BLOCKING_WAIT_MS)));
}

/**
 * Nomad sends no headers until a blocking query ends: after the wait, its jitter (up to wait/16),
 * and the time any answer takes. A shorter client timeout abandons the query and retries it.
 */
export function blockingHeadersTimeoutMs(waitMs: number, answerMs: number): number {
  return waitMs + Math.ceil(waitMs / JITTER_FRACTION) + answerMs;
}

export class NomadClient {
  readonly http: JsonHttpClient;
  readonly dispatcher: Dispatcher;
  readonly retryPolicy: RetryPolicy;
  private readonly headersTimeoutMs: number;

  constructor(
    readonly settings: NomadSettings,
    opts: NomadClientOptions = {},
  ) {
    const redactor = opts.redactor ?? new Redactor();
    redactor.add(settings.token);
    this.headersTimeoutMs = opts.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
    this.dispatcher = opts.dispatcher ?? createDispatcher(settings.tls, { headersTimeoutMs: this.headersTimeoutMs });
    this.retryPolicy = opts.retry ?? NOMAD_RETRY;
    this.http = new JsonHttpClient('nomad', this.dispatcher, undefined, explainNomadAnswer, redactor);
  }

  url(path: string, opts: QueryOptions = {}): string {
    const u = new URL(`/v1/${path.replace(/^\/+/, '')}`, this.settings.address);
    const ns = opts.namespace ?? this.settings.namespace;
    if (ns) u.searchParams.set('namespace', ns);
    if (this.settings.region) u.searchParams.set('region', this.settings.region);
    if (opts.index !== undefined) u.searchParams.set('index', String(opts.index));
    const wait = blockingWaitMs(opts);
    if (wait !== undefined) u.searchParams.set('wait', `${wait}ms`);
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
    const wait = blockingWaitMs(opts);
    const call = { method: 'GET' as const, url: this.url(path, opts), headers: this.headers(), signal: opts.signal };
    const timeout = wait === undefined ? {} : { headersTimeoutMs: blockingHeadersTimeoutMs(wait, this.headersTimeoutMs) };
    return this.withRetries(opts.signal, () => this.http.send({ ...call, ...timeout }));
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
/** What an ordinary (non-blocking) call may take before it counts as hung. */
export const DEFAULT_HEADERS_TIMEOUT_MS = 30_000;

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

/** 5xx (leader election, overload) and 429 may pass; refusals (4xx, an invalid job), bad bodies and aborts will not. */
export function isTransientNomadError(err: unknown): boolean {
  if (err instanceof HttpApiError) return !err.permanent && (err.status >= 500 || err.status === 429);
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
