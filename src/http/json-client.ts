/**
 * The one place our API clients send HTTP: undici `request`, status check, zod parse.
 * Each service client (Nomad, Consul, Vault, OpenStack) wraps this with its own auth and paths.
 */
import { request, type Dispatcher } from 'undici';
import type { z } from 'zod';
import { HttpApiError, ResponseInvalidError, type ApiService, type Explanation } from '../errors.js';
import { Redactor } from '../redact.js';

/** A service's own reading of an error answer (what people read, whether it is worth retrying). */
export type ExplainAnswer = (method: string, url: string, status: number, body: string) => Explanation;

export interface HttpCall {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD' | 'PATCH';
  url: string;
  headers?: Record<string, string>;
  /** Serialised as JSON unless already a string. */
  body?: unknown;
  /** Statuses that count as success (default 2xx). */
  expect?: readonly number[];
  signal?: AbortSignal;
  /** Overrides the dispatcher's headers timeout for this call (a blocking query waits longer). */
  headersTimeoutMs?: number;
}

export interface HttpReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * Told about every call once it ends: the HTTP status, or `'error'` when no answer came (reset,
 * refused, aborted). Metrics hook in here, so this adapter never imports the code that observes it.
 */
export type HttpObserver = (event: { service: ApiService; method: HttpCall['method']; status: number | 'error'; seconds: number }) => void;

export class JsonHttpClient {
  constructor(
    readonly service: ApiService,
    private readonly dispatcher: Dispatcher,
    /** Optional; may also be set later by the composition root (one per bot, so tests can run several). */
    public observer?: HttpObserver,
    private readonly explain?: ExplainAnswer,
    /** The bot's secrets: an error answer's body is masked before any error carries it. */
    readonly redactor: Redactor = new Redactor(),
  ) {}

  async send(call: HttpCall): Promise<HttpReply> {
    const started = performance.now();
    let status: number | 'error' = 'error';
    try {
      return await this.exchange(call, (s) => (status = s));
    } finally {
      try {
        this.observer?.({ service: this.service, method: call.method, status, seconds: (performance.now() - started) / 1000 });
      } catch {
        // Counting must never change the outcome of a call.
      }
    }
  }

  private async exchange(call: HttpCall, seen: (status: number) => void): Promise<HttpReply> {
    const headers: Record<string, string> = { accept: 'application/json', ...call.headers };
    let body: string | undefined;
    if (call.body !== undefined) {
      body = typeof call.body === 'string' ? call.body : JSON.stringify(call.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await request(call.url, {
      method: call.method,
      headers,
      body,
      dispatcher: this.dispatcher,
      signal: call.signal,
      ...(call.headersTimeoutMs !== undefined ? { headersTimeout: call.headersTimeoutMs } : {}),
    });
    seen(res.statusCode);
    const text = await res.body.text();
    const ok = call.expect ? call.expect.includes(res.statusCode) : res.statusCode >= 200 && res.statusCode < 300;
    if (!ok) {
      const body = this.redactor.redact(text);
      throw new HttpApiError(this.service, call.method, call.url, res.statusCode, body, this.explain?.(call.method, call.url, res.statusCode, body));
    }
    return { status: res.statusCode, headers: res.headers, text };
  }

  /** Sends and parses the JSON body with `schema`; a shape mismatch is a ResponseInvalidError. */
  async json<S extends z.ZodType>(call: HttpCall, schema: S, what: string): Promise<{ data: z.infer<S>; reply: HttpReply }> {
    const reply = await this.send(call);
    return { data: parseJson(this.service, reply.text, schema, what, this.redactor), reply };
  }
}

export function parseJson<S extends z.ZodType>(service: ApiService, text: string, schema: S, what: string, redactor?: Redactor): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    const start = text.slice(0, 200);
    throw new ResponseInvalidError(service, what, `not JSON: ${redactor ? redactor.redact(start) : start}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ResponseInvalidError(service, what, `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

export function headerValue(headers: HttpReply['headers'], name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}
