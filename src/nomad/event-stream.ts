/**
 * Follows Nomad's event stream (`GET /v1/event/stream`, NDJSON) for as long as `signal` allows:
 * `{}` heartbeat lines, several events per line, resume after the last index seen on reconnect,
 * capped exponential backoff with full jitter, and a watchdog for a stream that went silent
 * (Nomad sends a heartbeat every 30 s, so 45 s without a line means the connection is dead).
 */
import { request } from 'undici';
import { HttpApiError } from '../errors.js';
import { parseJson } from '../http/json-client.js';
import { backoffDelay, sleep, type Backoff, type Sleep } from '../http/retry.js';
import type { NomadClient } from './client.js';
import { explainNomadAnswer } from './explain.js';
import { EventStreamClosedEmptyError, RefusalTracker, streamAclNeeds } from './event-stream-refusal.js';
import { NomadEventFrame, type NomadEvent } from './schemas/events.js';

export interface EventStreamOptions {
  /** `Node`, `Allocation`, `Job:ci-mesosci-cs8`, … (`Topic[:filterKey]`, repeated). */
  topics: string[];
  /**
   * Last index already seen. 0 or absent: Nomad first replays its event buffer (event_buffer_size,
   * default 100 batches; nomad/stream/event_broker.go starts at the buffer's head), then goes on.
   */
  index?: number;
  /** Called with each line's events, in order; the next line waits for the promise. */
  onEvents(events: NomadEvent[], index: number): void | Promise<void>;
  onHeartbeat?(): void;
  /** Called when a connection is open (`reconnects` = 0 for the first). */
  onConnect?(info: { index: number; reconnects: number }): void;
  /** A failed or broken connection (or a frame that did not parse); the stream retries by itself. */
  onError?(err: unknown, retryInMs: number): void;
  /**
   * Nomad refuses the stream (a 403, or from 2.0 a 200 closed before any line, several times in a
   * row): `problem` says so and names the ACL the token needs; undefined once lines arrive again.
   */
  onRefused?(problem: string | undefined): void;
  signal: AbortSignal;
  /** Default 45 000. */
  heartbeatTimeoutMs?: number;
  /** Default 500 ms doubling up to 30 s, full jitter. */
  backoff?: Partial<Backoff>;
  /** Waits between connections (tests inject their own), and the jitter's random source. */
  sleep?: Sleep;
  random?: () => number;
}

export class EventStreamStalledError extends Error {
  constructor(ms: number) {
    super(`Nomad event stream sent nothing for ${ms} ms (not even a heartbeat): reconnecting`);
    this.name = 'EventStreamStalledError';
  }
}

/** Runs until `signal` aborts; resolves with the last index seen. Never rejects for network errors. */
export async function followEventStream(client: NomadClient, opts: EventStreamOptions): Promise<{ lastIndex: number }> {
  const state = { lastIndex: opts.index ?? 0, reconnects: 0, failures: 0, lines: 0 };
  const backoff: Backoff = { initialMs: 500, maxMs: 30_000, jitter: 'full', ...opts.backoff };
  const namespace = new URL(client.url('event/stream')).searchParams.get('namespace') || 'default';
  const refusals = new RefusalTracker(streamAclNeeds(opts.topics, namespace), (problem) => opts.onRefused?.(problem));
  while (!opts.signal.aborted) {
    let err: unknown;
    state.lines = 0;
    try {
      await readOnce(client, opts, state, () => refusals.served());
      // A clean end with nothing at all: a served stream sends a heartbeat at once.
      if (state.lines === 0 && !opts.signal.aborted) err = new EventStreamClosedEmptyError();
    } catch (e) {
      err = e;
    }
    if (opts.signal.aborted) break;
    refusals.ended(err, state.lines);
    // Every failure before a line arrives (refusals included) lengthens the wait: full jitter, up to backoff.maxMs.
    const delay = Math.round(backoffDelay(backoff, state.failures, opts.random));
    state.failures += 1;
    state.reconnects += 1;
    opts.onError?.(err ?? new Error('Nomad closed the event stream'), delay);
    await (opts.sleep ?? sleep)(delay, opts.signal);
  }
  return { lastIndex: state.lastIndex };
}

function streamUrl(client: NomadClient, topics: string[], index: number): string {
  const u = new URL(client.url('event/stream', index > 0 ? { params: { index: index + 1 } } : {}));
  for (const t of topics) u.searchParams.append('topic', t);
  return u.toString();
}

async function readOnce(
  client: NomadClient,
  opts: EventStreamOptions,
  state: { lastIndex: number; reconnects: number; failures: number; lines: number },
  served: () => void,
): Promise<void> {
  const timeoutMs = opts.heartbeatTimeoutMs ?? 45_000;
  const conn = new AbortController();
  const onAbort = () => conn.abort(opts.signal.reason);
  opts.signal.addEventListener('abort', onAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const watchdog = () => {
    clearTimeout(timer);
    timer = setTimeout(() => conn.abort(new EventStreamStalledError(timeoutMs)), timeoutMs);
  };
  watchdog();
  const url = streamUrl(client, opts.topics, state.lastIndex);
  try {
    const res = await request(url, {
      method: 'GET',
      headers: { accept: 'application/json', ...client.headers() },
      dispatcher: client.dispatcher,
      signal: conn.signal,
    });
    if (res.statusCode !== 200) {
      const body = client.http.redactor.redact(await res.body.text());
      throw new HttpApiError('nomad', 'GET', url, res.statusCode, body, explainNomadAnswer('GET', url, res.statusCode, body));
    }
    opts.onConnect?.({ index: state.lastIndex, reconnects: state.reconnects });
    // Pieces of the line not ended yet: only each new chunk is searched for the end of a line, since
    // one line (a big plan's events) can be tens of MB in thousands of chunks.
    let partial: string[] = [];
    res.body.setEncoding('utf8');
    for await (const chunk of res.body as AsyncIterable<string>) {
      let start = 0;
      for (let nl = chunk.indexOf('\n'); nl >= 0; start = nl + 1, nl = chunk.indexOf('\n', start)) {
        partial.push(chunk.slice(start, nl));
        const line = partial.join('').trim();
        partial = [];
        if (line === '') continue;
        watchdog();
        state.failures = 0;
        if (state.lines++ === 0) served();
        await handleLine(line, opts, state);
      }
      if (start < chunk.length) partial.push(chunk.slice(start));
    }
  } catch (err) {
    // An abort from our watchdog surfaces as the watchdog's reason, not undici's generic AbortError.
    throw conn.signal.aborted && conn.signal.reason instanceof Error ? conn.signal.reason : err;
  } finally {
    clearTimeout(timer);
    opts.signal.removeEventListener('abort', onAbort);
    conn.abort();
  }
}

async function handleLine(line: string, opts: EventStreamOptions, state: { lastIndex: number }): Promise<void> {
  let frame: NomadEventFrame;
  try {
    frame = parseJson('nomad', line, NomadEventFrame, 'event stream frame');
  } catch (err) {
    opts.onError?.(err, 0);
    return;
  }
  const events = frame.Events ?? [];
  if (events.length === 0 && !frame.Index) {
    opts.onHeartbeat?.();
    return;
  }
  const index = frame.Index ?? Math.max(...events.map((e) => e.Index));
  await opts.onEvents(events, index);
  state.lastIndex = Math.max(state.lastIndex, index);
}
