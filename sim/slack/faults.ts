/**
 * Scenario controls: make the next calls of a method fail the ways Slack fails
 * (429 with Retry-After, `{ok:false}` errors, bare HTTP errors).
 */
export type Fault = { kind: 'ratelimited'; retryAfterSec: number } | { kind: 'error'; error: string } | { kind: 'http'; status: number };

interface Pending {
  fault: Fault;
  remaining: number;
}

export interface SlackSimControls {
  /** The next `count` calls of `method` get HTTP 429 with `Retry-After: retryAfterSec`. */
  rateLimitNext(method: string, count: number, retryAfterSec: number): void;
  /** The next `count` calls of `method` get HTTP 200 `{ok:false, error}`. */
  failNext(method: string, error: string, count?: number): void;
  /** The next `count` calls of `method` get a bare HTTP `status` (e.g. 500, 503). */
  failHttpNext(method: string, status: number, count?: number): void;
}

export class FaultPlan implements SlackSimControls {
  private readonly pending = new Map<string, Pending[]>();

  rateLimitNext(method: string, count: number, retryAfterSec: number): void {
    this.add(method, { kind: 'ratelimited', retryAfterSec }, count);
  }

  failNext(method: string, error: string, count = 1): void {
    this.add(method, { kind: 'error', error }, count);
  }

  failHttpNext(method: string, status: number, count = 1): void {
    this.add(method, { kind: 'http', status }, count);
  }

  /** The fault for this call of `method`, if one is queued (consumes it). */
  take(method: string): Fault | undefined {
    const queue = this.pending.get(method);
    const head = queue?.[0];
    if (!queue || !head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) queue.shift();
    return head.fault;
  }

  private add(method: string, fault: Fault, count: number): void {
    if (count <= 0) return;
    const queue = this.pending.get(method) ?? [];
    queue.push({ fault, remaining: count });
    this.pending.set(method, queue);
  }
}
