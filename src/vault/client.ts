/**
 * Transport for the Vault HTTP API: `X-Vault-Token`, `X-Vault-Namespace`, status codes that are
 * answers (sys/health), and `{"errors": [...]}` bodies turned into VaultApiError. `forNode` points
 * the same settings at one master, so each server is checked on its own.
 */
import type { Dispatcher } from 'undici';
import type { z } from 'zod';
import { HttpApiError, ResponseInvalidError } from '../errors.js';
import { parseJson, JsonHttpClient } from '../http/json-client.js';
import { createDispatcher } from '../http/tls.js';
import { Redactor } from '../redact.js';
import type { VaultSettings } from './config.js';
import { VaultApiError } from './errors.js';
import { VaultUnreachableError } from './unreachable.js';

export interface VaultRequestOptions {
  /** Statuses that are answers rather than failures (default 2xx). */
  expect?: readonly number[];
  params?: Record<string, string | number | boolean | undefined>;
  signal?: AbortSignal;
}

export class VaultClient {
  readonly http: JsonHttpClient;
  readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;

  constructor(
    readonly settings: VaultSettings,
    dispatcher?: Dispatcher,
    /** The bot's secrets; the token joins them. */
    private readonly redactor = new Redactor(),
  ) {
    redactor.add(settings.token);
    this.ownsDispatcher = !dispatcher;
    this.dispatcher = dispatcher ?? createDispatcher(settings.tls, { headersTimeoutMs: settings.timeoutMs, bodyTimeoutMs: settings.timeoutMs });
    this.http = new JsonHttpClient('vault', this.dispatcher, undefined, undefined, redactor);
  }

  get address(): string {
    return this.settings.address;
  }

  /** The same token, namespace and TLS settings against another server (full URL). */
  forNode(address: string): VaultClient {
    return new VaultClient({ ...this.settings, address: address.replace(/\/+$/, '') }, this.dispatcher, this.redactor);
  }

  url(path: string, params: VaultRequestOptions['params'] = {}): string {
    const u = new URL(`/v1/${path.replace(/^\/+/, '')}`, this.settings.address);
    for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, String(v));
    return u.toString();
  }

  headers(): Record<string, string> {
    const h: Record<string, string> = {};
    if (this.settings.token) h['x-vault-token'] = this.settings.token;
    if (this.settings.namespace) h['x-vault-namespace'] = this.settings.namespace;
    return h;
  }

  async get<S extends z.ZodType>(path: string, schema: S, what: string, opts: VaultRequestOptions = {}): Promise<{ status: number; data: z.infer<S> }> {
    const call = {
      method: 'GET' as const,
      url: this.url(path, opts.params),
      headers: this.headers(),
      signal: opts.signal,
      ...(opts.expect ? { expect: opts.expect } : {}),
    };
    try {
      const reply = await this.http.send(call);
      return { status: reply.status, data: parseJson('vault', reply.text, schema, what, this.redactor) };
    } catch (err) {
      if (err instanceof HttpApiError) throw new VaultApiError(err.method, err.url, err.status, err.body);
      if (err instanceof ResponseInvalidError) throw err;
      throw new VaultUnreachableError(this.settings.address, err);
    }
  }

  /** Closes the connection pool, unless it is borrowed from the client this one came from. */
  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }
}
