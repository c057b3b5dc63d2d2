/**
 * Redis replicates asynchronously: a write the primary acknowledged is lost in a failover if no
 * replica had it yet. The writes that matter (an approval, each apply step, a lock, an alert's
 * first post) call `after()` on the connection that made them: `WAIT` until `replicas` replicas
 * have everything this connection wrote, for at most `timeoutMs`. With no replica connected
 * (`ROLE` lists none) there is nothing to wait for; a replica that does not answer in time is
 * logged and the bot goes on: the write stands on the primary, as it would without WAIT.
 */
import type { Redis } from 'ioredis';
import { describeError } from '../errors.js';

/** What a store calls after a write that must survive a failover. */
export interface DurableWrites {
  after(what: string): Promise<void>;
}

/** For one Redis without replicas (and tests): nothing to wait for. */
export const NO_REPLICA_WAIT: DurableWrites = { after: async () => undefined };

type Say = (fields: object, msg: string) => void;

export class ReplicaWait implements DurableWrites {
  /** The last shortfall said in the log (said once until replicas acknowledge again). */
  private short: 'none-connected' | 'late' | undefined;
  readonly stats = { waits: 0, acknowledged: 0, late: 0, skipped: 0 };

  constructor(
    private readonly redis: Redis,
    private readonly wait: { replicas: number; timeoutMs: number },
    private readonly log?: { info: Say; warn: Say },
  ) {}

  async after(what: string): Promise<void> {
    if (this.wait.replicas === 0) return;
    try {
      const wanted = Math.min(this.wait.replicas, connectedReplicas(await this.redis.role()));
      if (wanted === 0) {
        this.stats.skipped += 1;
        return this.shortfall('none-connected', what, 'no replica is connected to the Redis primary: writes are on the primary only until one is');
      }
      this.stats.waits += 1;
      const acked = Number(await this.redis.wait(wanted, this.wait.timeoutMs));
      if (acked >= wanted) {
        this.stats.acknowledged += 1;
        if (this.short) this.log?.info({ replicas: acked }, 'Redis replicas acknowledge writes again');
        this.short = undefined;
        return;
      }
      this.stats.late += 1;
      this.shortfall(
        'late',
        what,
        `${acked} of ${wanted} Redis replicas acknowledged within ${this.wait.timeoutMs} ms; going on (the write is on the primary)`,
      );
    } catch (err) {
      // The write itself succeeded; a connection lost right after it is the failover the caller survives anyway.
      this.log?.warn({ what, err: describeError(err) }, 'could not wait for Redis replicas');
    }
  }

  private shortfall(kind: 'none-connected' | 'late', what: string, message: string): void {
    if (this.short === kind) return;
    this.short = kind;
    this.log?.warn({ what }, message);
  }
}

/** ROLE on a primary: ['master', offset, [[ip, port, offset], …]]; anything else has no replicas of its own. */
function connectedReplicas(role: unknown): number {
  return Array.isArray(role) && role[0] === 'master' && Array.isArray(role[2]) ? role[2].length : 0;
}
