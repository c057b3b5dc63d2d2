/** The one backoff and retry loop (src/http/retry.ts), with an injected sleep and random source. */
import { describe, expect, it } from 'vitest';
import { backoffDelay, retry, sleep } from '../../src/http/retry.js';

describe('backoffDelay', () => {
  it('doubles from initialMs up to maxMs, with the chosen jitter', () => {
    const b = { initialMs: 100, maxMs: 1_000 };
    expect([0, 1, 2, 3, 4, 10].map((f) => backoffDelay({ ...b, jitter: 'none' }, f))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
    expect(backoffDelay({ ...b, jitter: 'full' }, 2, () => 0.5)).toBe(200);
    expect(backoffDelay({ ...b, jitter: 'full' }, 2, () => 0)).toBe(0);
    expect(backoffDelay({ ...b, jitter: 'equal' }, 2, () => 0)).toBe(200);
    expect(backoffDelay({ ...b, jitter: 'equal' }, 2, () => 0.999)).toBeCloseTo(399.8);
    expect(backoffDelay(b, 1, () => 1)).toBe(200); // full jitter is the default
  });
});

describe('retry', () => {
  const policy = { attempts: 4, initialMs: 10, maxMs: 25, jitter: 'none' as const };

  it('retries what is retryable with the backoff delays, and returns the first success', async () => {
    const slept: number[] = [];
    let calls = 0;
    const out = await retry(
      async (attempt) => {
        calls += 1;
        if (attempt < 4) throw new Error('flaky');
        return 'ok';
      },
      { policy, retryable: () => true, sleep: async (ms) => void slept.push(ms) },
    );
    expect([out, calls, slept]).toEqual(['ok', 4, [10, 20, 25]]);
  });

  it('throws at once what is not retryable, and the last error when attempts run out', async () => {
    let calls = 0;
    const permanent = new Error('403');
    await expect(
      retry(
        async () => {
          calls += 1;
          throw permanent;
        },
        { policy, retryable: (e) => e !== permanent, sleep: async () => {} },
      ),
    ).rejects.toBe(permanent);
    expect(calls).toBe(1);
    calls = 0;
    await expect(
      retry(
        async () => {
          calls += 1;
          throw new Error(`try ${calls}`);
        },
        { policy, retryable: () => true, sleep: async () => {} },
      ),
    ).rejects.toThrow('try 4');
    expect(calls).toBe(4);
  });

  it('stops retrying once the signal aborts', async () => {
    const abort = new AbortController();
    let calls = 0;
    const run = retry(
      async () => {
        calls += 1;
        abort.abort();
        throw new Error('down');
      },
      { policy, retryable: () => true, signal: abort.signal, sleep: async () => {} },
    );
    await expect(run).rejects.toThrow('down');
    expect(calls).toBe(1);
  });

  it('sleep resolves early when its signal aborts', async () => {
    const abort = new AbortController();
    const started = performance.now();
    const slept = sleep(60_000, abort.signal);
    abort.abort();
    await slept;
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
