/**
 * Transport for the Nomad HTTP API, shaped like nomad/api's Client: auth, region, namespace,
 * QueryMeta from the X-Nomad-* headers, blocking queries. Endpoint families live in their own files.
 */
import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import { registerSecret } from '../redact.js';
import { createDispatcher } from '../http/tls.js';
import { headerValue, JsonHttpClient, type HttpReply } from '../http/json-client.js';
import type { NomadSettings } from './config.js';

export interface QueryMeta {
  /** X-Nomad-Index: pass it back as `index` to block until something changes. */
  lastIndex: number;
  knownLeader: boolean;
  lastContactMs: number;
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

  constructor(readonly settings: NomadSettings, dispatcher?: Dispatcher) {
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
    const { data, reply } = await this.http.json(
      { method: 'GET', url: this.url(path, opts), headers: this.headers(), signal: opts.signal },
      schema,
      what,
    );
    return { data, meta: queryMeta(reply) };
  }

  async write<S extends z.ZodType>(
    method: 'POST' | 'PUT' | 'DELETE',
    path: string,
    body: unknown,
    schema: S,
    what: string,
    opts: QueryOptions = {},
  ): Promise<z.infer<S>> {
    const { data } = await this.http.json(
      { method, url: this.url(path, opts), headers: this.headers(), body, signal: opts.signal },
      schema,
      what,
    );
    return data;
  }

  async close(): Promise<void> {
    await this.dispatcher.close();
  }
}

function queryMeta(reply: HttpReply): QueryMeta {
  return {
    lastIndex: Number(headerValue(reply.headers, 'x-nomad-index') ?? 0),
    knownLeader: headerValue(reply.headers, 'x-nomad-knownleader') === 'true',
    lastContactMs: Number(headerValue(reply.headers, 'x-nomad-lastcontact') ?? 0),
  };
}

export const pathSegment = (s: string) => encodeURIComponent(s);
