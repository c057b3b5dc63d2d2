/**
 * The one place where Redis connections are made (design: "every connection through one factory"):
 * the BullMQ queue and worker, the operation store and locks, the monitor lease and alert state all
 * get theirs here, so one Redis by URL and a Sentinel group behave the same everywhere. ioredis
 * asks the sentinels for the primary on every (re)connect, so after a failover each connection
 * finds the promoted replica by itself; commands issued meanwhile wait in its offline queue.
 */
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import { describeError } from '../errors.js';
import { describeTarget, ioredisOptions, type RedisSettings } from './settings.js';

interface Tracked {
  role: string;
  /** When the connection stopped being ready (undefined while it is). */
  lostAt?: number | undefined;
  /** Listeners for "ready again after a loss" (a restart or a failover). */
  back: Array<() => void>;
}

export class RedisConnections {
  private readonly tracked = new Map<Redis, Tracked>();

  constructor(
    readonly settings: RedisSettings,
    private readonly o: { log?: Pick<Logger, 'debug' | 'info' | 'warn'>; now?: () => number } = {},
  ) {}

  get sentinel(): boolean {
    return this.settings.target.kind === 'sentinel';
  }

  /** Where the connections go, for logs (no password). */
  describe(): string {
    return describeTarget(this.settings.target);
  }

  /**
   * A new connection for `role` (shown by CLIENT LIST as `ci-chatops-<role>`). Commands wait for a
   * connection instead of failing (`maxRetriesPerRequest: null`, which BullMQ requires anyway).
   */
  connect(role: string, extra: RedisOptions = {}): Redis {
    const options: RedisOptions = {
      ...ioredisOptions(this.settings),
      connectionName: `ci-chatops-${role}`,
      maxRetriesPerRequest: null,
      enableReadyCheck: true,
      // Reconnect quickly: after a failover the new primary is there a second or two later.
      retryStrategy: (times) => Math.min(times * 50, 1_000),
      // A primary demoted under us (a manual failover, a healed partition) answers READONLY: find the new one.
      reconnectOnError: (err) => (err.message.startsWith('READONLY') ? 2 : false),
      ...extra,
    };
    const redis = this.settings.target.kind === 'url' ? new Redis(this.settings.target.url, options) : new Redis(options);
    this.track(redis, role);
    return redis;
  }

  /** Since when `redis` has been without a ready connection (undefined while it is ready). */
  lostSince(redis: Redis): number | undefined {
    return this.tracked.get(redis)?.lostAt;
  }

  /** With Sentinel: how long `redis` may be lost before /readyz says down instead of degraded (a failover). */
  failoverWindow(redis: Redis, now: () => number): { lostSince(): number | undefined; graceMs: number; now(): number } | undefined {
    return this.sentinel ? { lostSince: () => this.lostSince(redis), graceMs: this.settings.failoverGraceMs, now } : undefined;
  }

  /** Calls `fn` each time `redis` is ready again after it was lost (recovery re-queues what a failover may have dropped). */
  onReconnected(redis: Redis, fn: () => void): void {
    this.tracked.get(redis)?.back.push(fn);
  }

  /** Closes every connection made here. */
  async closeAll(): Promise<void> {
    await Promise.all([...this.tracked.keys()].map((r) => r.quit().catch(() => r.disconnect())));
    this.tracked.clear();
  }

  private track(redis: Redis, role: string): void {
    const t: Tracked = { role, back: [] };
    const now = this.o.now ?? Date.now;
    const log = this.o.log;
    // The main connection speaks for all of them; the others only at debug level.
    const level = role === 'main' ? 'warn' : 'debug';
    let everReady = false;
    let lastError: string | undefined;
    redis.on('error', (err: unknown) => {
      lastError = describeError(err);
    });
    redis.on('close', () => {
      if (t.lostAt !== undefined || !everReady) return;
      t.lostAt = now();
      log?.[level]({ redis: role, err: lastError }, `Redis connection ${role} lost; reconnecting to ${this.describe()}`);
    });
    redis.on('ready', () => {
      const was = t.lostAt;
      t.lostAt = undefined;
      everReady = true;
      lastError = undefined;
      if (was === undefined) return;
      log?.[role === 'main' ? 'info' : 'debug']({ redis: role, downMs: now() - was, at: peer(redis) }, `Redis connection ${role} is back`);
      for (const fn of t.back) fn();
    });
    this.tracked.set(redis, t);
  }
}

/** The address this connection reached (after Sentinel's answer, the primary's). */
export function peer(redis: Redis): string {
  const s = redis.stream as { remoteAddress?: string; remotePort?: number } | undefined;
  return s?.remoteAddress ? `${s.remoteAddress}:${s.remotePort}` : 'unknown';
}
