/**
 * Alert state in Redis under one prefix: groups (with their members and Slack ts), silences,
 * and the current alert list for `/ci alerts` on any replica. Only the lease holder writes groups.
 */
import type { Redis } from 'ioredis';
import type { AlertGroup, Silence } from './types.js';
import type { AlertListing } from './listing.js';

/** Closed groups are kept this long so a late button click still finds its alert. */
const CLOSED_KEEP_MS = 7 * 86_400_000;

export class AlertStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private get groupsKey() {
    return `${this.prefix}:alerts:groups`;
  }
  private get silencesKey() {
    return `${this.prefix}:alerts:silences`;
  }
  private get listingKey() {
    return `${this.prefix}:alerts:current`;
  }

  /** Every stored group; closed ones past their keep time are deleted on the way. */
  async groups(now: number): Promise<AlertGroup[]> {
    const all = Object.values(await this.redis.hgetall(this.groupsKey)).map((v) => JSON.parse(v) as AlertGroup);
    const old = all.filter((g) => g.closedAt !== undefined && now - g.closedAt > CLOSED_KEEP_MS);
    if (old.length > 0) await this.redis.hdel(this.groupsKey, ...old.map((g) => g.id));
    return all.filter((g) => !old.includes(g));
  }

  async saveGroups(groups: AlertGroup[]): Promise<void> {
    if (groups.length === 0) return;
    await this.redis.hset(this.groupsKey, Object.fromEntries(groups.map((g) => [g.id, JSON.stringify(g)])));
  }

  async deleteGroup(id: string): Promise<void> {
    await this.redis.hdel(this.groupsKey, id);
  }

  /** Silences still in force; expired ones are deleted (they end on their own). */
  async silences(now: number): Promise<Silence[]> {
    const all = Object.values(await this.redis.hgetall(this.silencesKey)).map((v) => JSON.parse(v) as Silence);
    const expired = all.filter((s) => s.endsAt <= now);
    if (expired.length > 0) await this.redis.hdel(this.silencesKey, ...expired.map((s) => s.id));
    return all.filter((s) => s.endsAt > now).sort((a, b) => a.endsAt - b.endsAt);
  }

  async addSilence(s: Silence): Promise<void> {
    await this.redis.hset(this.silencesKey, s.id, JSON.stringify(s));
  }

  async removeSilence(id: string): Promise<boolean> {
    return (await this.redis.hdel(this.silencesKey, id)) > 0;
  }

  async saveListing(listing: AlertListing): Promise<void> {
    await this.redis.set(this.listingKey, JSON.stringify(listing));
  }

  async listing(): Promise<AlertListing | undefined> {
    const text = await this.redis.get(this.listingKey);
    return text ? (JSON.parse(text) as AlertListing) : undefined;
  }
}
