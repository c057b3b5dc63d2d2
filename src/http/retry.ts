/**
 * Backoff and retries, written once: the Nomad client (idempotent calls), the event stream
 * (reconnects) and the alert poster (Slack deliveries) all take their delays from here. The
 * random source and the sleep are injectable, so tests see exact delays without waiting.
 */

/** Exponential backoff: `initialMs`, doubled after each failure, capped at `maxMs`, with jitter. */
export interface Backoff {
  initialMs: number;
  maxMs: number;
  /**
   * `full`: anywhere in [0, d] (spreads reconnecting clients best); `equal`: in [d/2, d] (never
   * retries at once); `none`: exactly d. Default `full`.
   */
  jitter?: 'full' | 'equal' | 'none';
}

/** The delay before retry number `failures + 1` (`failures` = failures so far, minus one: 0 for the first retry). */
export function backoffDelay(b: Backoff, failures: number, random: () => number = Math.random): number {
  const d = Math.min(b.maxMs, b.initialMs * 2 ** Math.max(0, failures));
  const jitter = b.jitter ?? 'full';
  if (jitter === 'none') return d;
  if (jitter === 'equal') return d / 2 + random() * (d / 2);
  return random() * d;
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Resolves after `ms`, or at once when `signal` aborts (never rejects: the caller checks the signal). */
export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

export interface RetryPolicy extends Backoff {
  /** Total tries, the first one included. */
  attempts: number;
}

export interface RetryOptions {
  policy: RetryPolicy;
  /** Only these are retried; anything else is thrown at once. */
  retryable(err: unknown): boolean;
  signal?: AbortSignal | undefined;
  sleep?: Sleep;
  random?: () => number;
  onRetry?(err: unknown, attempt: number, delayMs: number): void;
}

/** Runs `call` until it succeeds, fails with something not retryable, runs out of attempts, or `signal` aborts. */
export async function retry<T>(call: (attempt: number) => Promise<T>, o: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(attempt);
    } catch (err) {
      if (attempt >= o.policy.attempts || o.signal?.aborted || !o.retryable(err)) throw err;
      const delay = backoffDelay(o.policy, attempt - 1, o.random);
      o.onRetry?.(err, attempt, delay);
      await (o.sleep ?? sleep)(delay, o.signal);
    }
  }
}
