/**
 * Only one replica watches the cluster: a Redis lease (SET NX PX), renewed every third of its
 * time-to-live by its holder. When the holder dies, the lease expires and another replica takes it:
 * a replica that finds it taken asks how long it has left and tries again the moment it runs out,
 * so the watch moves within one TTL of the holder's death (not a third of a TTL later still).
 */
import type { Redis } from 'ioredis';
import type { Clock, Timer } from '../clock.js';

const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

export interface LeaseEvents {
  onAcquired(): void | Promise<void>;
  onLost(): void | Promise<void>;
}

export class MonitorLease {
  private timer: Timer | undefined;
  /** The extra try at the moment the holder's lease runs out. */
  private atExpiry: Timer | undefined;
  private tick: () => void = () => undefined;
  private held = false;
  private stopped = false;
  private busy: Promise<void> = Promise.resolve();
  /** Tries to take the lease while another replica held it (tests wait on these, not on time). */
  readonly stats = { attempts: 0 };

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    /** This replica's identity (host, pid, random), stored as the lease value. */
    readonly owner: string,
    private readonly ttlMs: number,
    private readonly clock: Clock,
    private readonly events: LeaseEvents,
  ) {}

  get isHeld(): boolean {
    return this.held;
  }

  start(): void {
    this.stopped = false;
    this.tick = () => {
      this.busy = this.busy.then(() => this.step()).catch(() => this.lose());
    };
    this.tick();
    this.timer = this.clock.every(this.intervalMs, this.tick);
  }

  /** Stops renewing; `release` also gives the lease up at once (a clean shutdown). */
  async stop(release = true): Promise<void> {
    this.stopped = true;
    this.timer?.cancel();
    this.atExpiry?.cancel();
    await this.busy;
    if (this.held) {
      if (release) await this.redis.eval(RELEASE, 1, this.key, this.owner);
      await this.lose();
    }
  }

  /** Who holds the lease now (for `/ci` status and tests). */
  holder(): Promise<string | null> {
    return this.redis.get(this.key);
  }

  private async step(): Promise<void> {
    if (this.stopped) return;
    if (this.held) {
      const renewed = Number(await this.redis.eval(RENEW, 1, this.key, this.owner, String(this.ttlMs)));
      if (renewed !== 1) await this.lose();
      return;
    }
    const ok = await this.redis.set(this.key, this.owner, 'PX', this.ttlMs, 'NX');
    this.stats.attempts += 1;
    if (ok === 'OK') {
      this.held = true;
      await this.events.onAcquired();
      return;
    }
    const left = await this.redis.pttl(this.key);
    if (left >= 0 && left < this.intervalMs && !this.stopped) {
      this.atExpiry?.cancel();
      this.atExpiry = this.clock.after(left + 1, this.tick);
    }
  }

  private get intervalMs(): number {
    return Math.max(50, Math.floor(this.ttlMs / 3));
  }

  private async lose(): Promise<void> {
    if (!this.held) return;
    this.held = false;
    await this.events.onLost();
  }
}
