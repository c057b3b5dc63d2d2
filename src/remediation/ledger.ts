/**
 * What the self-healing policy did (issue 17.6), in Redis: one entry per automatic remediation,
 * kept a day (the guardrails count them, `/ci policy` lists them), and which refusal each alert
 * was last told about, so a thread hears a refusal once rather than on every check.
 */
import type { Redis } from 'ioredis';
import type { AutoAction } from './guardrails.js';

export interface LedgerEntry extends AutoAction {
  policy: string;
  alertKey: string;
  channel: string;
  ts: string;
  /** applied, failed, not-applied (the plan refused: the node got busy, its client is not ready…) */
  outcome?: 'applied' | 'failed' | 'not-applied';
  /** The outcome in one sentence. */
  summary?: string;
}

export const KEEP_MS = 24 * 3_600_000;

export class AutoLedger {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private get key() {
    return `${this.prefix}:remediation:auto`;
  }

  /** Entries of the last day (older finished ones are dropped here); unfinished ones are kept whatever their age. */
  async recent(now: number): Promise<LedgerEntry[]> {
    const all = Object.values(await this.redis.hgetall(this.key)).map((v) => JSON.parse(v) as LedgerEntry);
    const old = all.filter((e) => e.finishedAt !== undefined && now - e.startedAt >= KEEP_MS);
    if (old.length) await this.redis.hdel(this.key, ...old.map((e) => e.opId));
    return all.filter((e) => !old.includes(e)).sort((a, b) => a.startedAt - b.startedAt);
  }

  /** False when the entry exists already (another pass, another replica, a restart got there first). */
  async add(e: LedgerEntry): Promise<boolean> {
    return (await this.redis.hsetnx(this.key, e.opId, JSON.stringify(e))) === 1;
  }

  async finish(e: LedgerEntry): Promise<void> {
    await this.redis.hset(this.key, e.opId, JSON.stringify(e));
  }

  /** True the first time this refusal is told for this alert occurrence (a day at most). */
  async firstRefusal(occurrence: string, code: string): Promise<boolean> {
    const key = `${this.prefix}:remediation:auto:told:${occurrence}`;
    const before = await this.redis.set(key, code, 'EX', KEEP_MS / 1000, 'GET');
    return before !== code;
  }
}
