/**
 * Transport for the Consul HTTP API, shaped like consul/api's Client: token header, `stale`
 * consistency, QueryMeta from the X-Consul-* headers. `forAgent` points the same settings (token,
 * TLS) at another agent, which is how each master is checked on its own.
 */
import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import { HttpApiError, ResponseInvalidError } from '../errors.js';
import { createDispatcher } from '../http/tls.js';
import { headerValue, JsonHttpClient, type HttpReply } from '../http/json-client.js';
import { Redactor } from '../redact.js';
import { consulAddress, type ConsulSettings } from './config.js';
import { ConsulUnreachableError } from './unreachable.js';

export interface ConsulQueryOptions {
  /** Let any server answer, even without a leader (`?stale`). */
  stale?: boolean;
  signal?: AbortSignal;
  params?: Record<string, string | number | boolean | undefined>;
}

export interface ConsulQueryMeta {
  /** X-Consul-Index (0 when the endpoint does not send it). */
  lastIndex: number;
  /** X-Consul-KnownLeader; true when the endpoint does not send it. */
  knownLeader: boolean;
  lastContactMs: number;
  /** X-Consul-Results-Filtered-By-ACLs: the token could not see everything. */
  filteredByAcls: boolean;
}

export interface ConsulQueryResult<T> {
  data: T;
  meta: ConsulQueryMeta;
}

export class ConsulClient {
  readonly http: JsonHttpClient;
  readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;

  constructor(
    readonly settings: ConsulSettings,
    dispatcher?: Dispatcher,
    /** The bot's secrets; the token joins them. */
    private readonly redactor = new Redactor(),
  ) {
    redactor.add(settings.token);
    this.ownsDispatcher = !dispatcher;
    this.dispatcher = dispatcher ?? createDispatcher(settings.tls, { headersTimeoutMs: settings.timeoutMs, bodyTimeoutMs: settings.timeoutMs });
    this.http = new JsonHttpClient('consul', this.dispatcher, undefined, undefined, redactor);
  }

  get address(): string {
    return this.settings.address;
  }

  /** The same token and TLS settings against another agent (`host:port` keeps this client's scheme). */
  forAgent(address: string): ConsulClient {
    const https = new URL(this.settings.address).protocol === 'https:';
    const full = address.includes('://') ? consulAddress(address) : consulAddress(address, https);
    return new ConsulClient({ ...this.settings, address: full }, this.dispatcher, this.redactor);
  }

  url(path: string, opts: ConsulQueryOptions = {}): string {
    const u = new URL(`/v1/${path.replace(/^\/+/, '')}`, this.settings.address);
    if (opts.stale) u.searchParams.set('stale', '');
    for (const [k, v] of Object.entries(opts.params ?? {})) if (v !== undefined) u.searchParams.set(k, String(v));
    return u.toString();
  }

  headers(): Record<string, string> {
    return this.settings.token ? { 'x-consul-token': this.settings.token } : {};
  }

  async query<S extends z.ZodType>(path: string, schema: S, what: string, opts: ConsulQueryOptions = {}): Promise<ConsulQueryResult<z.infer<S>>> {
    try {
      const { data, reply } = await this.http.json({ method: 'GET', url: this.url(path, opts), headers: this.headers(), signal: opts.signal }, schema, what);
      return { data, meta: queryMeta(reply) };
    } catch (err) {
      if (err instanceof HttpApiError || err instanceof ResponseInvalidError) throw err;
      throw new ConsulUnreachableError(this.settings.address, err);
    }
  }

  /** Closes the connection pool, unless it is borrowed from the client this one came from. */
  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }
}

function queryMeta(reply: HttpReply): ConsulQueryMeta {
  return {
    lastIndex: Number(headerValue(reply.headers, 'x-consul-index') ?? 0),
    knownLeader: headerValue(reply.headers, 'x-consul-knownleader') !== 'false',
    lastContactMs: Number(headerValue(reply.headers, 'x-consul-lastcontact') ?? 0),
    filteredByAcls: headerValue(reply.headers, 'x-consul-results-filtered-by-acls') === 'true',
  };
}
