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

/** A request that Nomad carries out, but whose answer never reaches the client (a reset, a proxy timeout). */
export interface DropSpec {
  method: string;
  /** The request's exact path, e.g. `/v1/jobs` (not `/v1/jobs/parse`). */
  path: string;
  /** How many (default 1). */
  count?: number;
}

export class Faults {
  latencyMs = 0;
  private readonly failures: Array<Required<FailureSpec>> = [];
  private readonly drops: Array<Required<DropSpec>> = [];

  failNext(spec: FailureSpec): void {
    this.failures.push({ count: 1, pathPrefix: '', ...spec });
  }

  dropResponseNext(spec: DropSpec): void {
    this.drops.push({ count: 1, ...spec });
  }

  /** Delays the request, then answers it with an injected failure if one matches. */
  async apply(req: SimRequest, res: ServerResponse): Promise<boolean> {
    if (this.latencyMs > 0) await sleep(this.latencyMs);
    const drop = this.drops.find((x) => x.method === req.method && req.path === x.path);
    if (drop) {
      drop.count -= 1;
      if (drop.count <= 0) this.drops.splice(this.drops.indexOf(drop), 1);
      // The request goes on to its handler; what it answers is thrown away with the connection.
      res.writeHead = () => res;
      res.end = () => {
        res.socket?.destroy();
        return res;
      };
      return false;
    }
    const f = this.failures.find((x) => req.path.startsWith(x.pathPrefix));
    if (!f) return false;
    f.count -= 1;
    if (f.count <= 0) this.failures.splice(this.failures.indexOf(f), 1);
    sendText(res, f.status, f.body);
    return true;
  }
}
