/** Fault injection for tests and benchmarks: added latency and the next N requests failing. */
import type { ServerResponse } from 'node:http';
import { sendText, sleep, type SimRequest } from '../http/server.js';

export interface FailureSpec {
  status: number;
  body: string;
  /** How many requests fail (default 1). */
  count?: number;
  /** Only requests whose path starts with this fail (default: any). */
  pathPrefix?: string;
}

export class Faults {
  latencyMs = 0;
  private readonly failures: Array<Required<FailureSpec>> = [];

  failNext(spec: FailureSpec): void {
    this.failures.push({ count: 1, pathPrefix: '', ...spec });
  }

  /** Delays the request, then answers it with an injected failure if one matches. */
  async apply(req: SimRequest, res: ServerResponse): Promise<boolean> {
    if (this.latencyMs > 0) await sleep(this.latencyMs);
    const f = this.failures.find((x) => req.path.startsWith(x.pathPrefix));
    if (!f) return false;
    f.count -= 1;
    if (f.count <= 0) this.failures.splice(this.failures.indexOf(f), 1);
    sendText(res, f.status, f.body);
    return true;
  }
}
