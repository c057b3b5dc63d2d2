/**
 * Alert state in Redis under one prefix: groups (with their members and Slack ts), silences,
 * maintenance windows, and the current alert list for `/ci alerts` on any replica. Only the lease
 * holder writes groups.
 */
import type { Redis } from 'ioredis';
import { NO_REPLICA_WAIT, type DurableWrites } from '../../redis/replica-wait.js';
import { WINDOW_KEEP_MS, type MaintenanceWindow } from '../maintenance.js';
import type { AlertGroup, RemediationFailed, Silence } from './types.js';
import type { AlertListing } from './listing.js';

/** Sets (or, given an empty value, deletes) a hash field only if it still holds what was read. */
const FIELD_CAS = `if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
if ARGV[3] == '' then redis.call('HDEL', KEYS[1], ARGV[1]) else redis.call('HSET', KEYS[1], ARGV[1], ARGV[3]) end
return 1`;

/** Closed groups are kept this long so a late button click still finds its alert. */
const CLOSED_KEEP_MS = 7 * 86_400_000;

export class AlertStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    /** Where a posted message is (its ts) is on a replica before the next post, so a failover never posts it twice. */
    private readonly durable: DurableWrites = NO_REPLICA_WAIT,
  ) {}

  private get groupsKey() {
    return `${this.prefix}:alerts:groups`;
  }
  private get silencesKey() {
    return `${this.prefix}:alerts:silences`;
  }
  private get windowsKey() {
    return `${this.prefix}:alerts:maintenance`;
  }
  private get failuresKey() {
    return `${this.prefix}:alerts:remediation-failed`;
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

  /** `durable`: wait for a replica (a message was just posted: its ts must survive a failover). */
  async saveGroups(groups: AlertGroup[], durable = false): Promise<void> {
    if (groups.length === 0) return;
    await this.redis.hset(this.groupsKey, Object.fromEntries(groups.map((g) => [g.id, JSON.stringify(g)])));
    if (durable) await this.durable.after(`alert ${groups.map((g) => g.id).join(',')}`);
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

  /** Maintenance windows by operation id, oldest first. */
  async windows(): Promise<MaintenanceWindow[]> {
    const all = Object.values(await this.redis.hgetall(this.windowsKey)).map((v) => JSON.parse(v) as MaintenanceWindow);
    return all.sort((a, b) => a.startedAt - b.startedAt);
  }

  async window(opId: string): Promise<MaintenanceWindow | undefined> {
    const text = await this.redis.hget(this.windowsKey, opId);
    return text ? (JSON.parse(text) as MaintenanceWindow) : undefined;
  }

  /** Opens a window unless the operation already has one (a resumed apply keeps its start and deadline). */
  async openWindow(w: MaintenanceWindow): Promise<boolean> {
    const opened = (await this.redis.hsetnx(this.windowsKey, w.opId, JSON.stringify(w))) === 1;
    // Without a watch running (monitors off) nobody ends windows: the set goes a week after the last one.
    await this.redis.pexpire(this.windowsKey, w.deadline - w.startedAt + WINDOW_KEEP_MS);
    return opened;
  }

  /**
   * Changes one window by compare-and-set (the replica that applies ends it while the lease holder
   * may mark it overdue): `change` returns the new window, `null` to delete it, undefined to leave it.
   */
  async updateWindow(opId: string, change: (w: MaintenanceWindow) => MaintenanceWindow | null | undefined): Promise<void> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const raw = await this.redis.hget(this.windowsKey, opId);
      if (!raw) return;
      const next = change(JSON.parse(raw) as MaintenanceWindow);
      if (next === undefined) return;
      const written = await this.redis.eval(FIELD_CAS, 1, this.windowsKey, opId, raw, next === null ? '' : JSON.stringify(next));
      if (written === 1) return;
    }
    throw new Error(`maintenance window ${opId}: too much contention`);
  }

  /** Remediations that stopped half-way, one per node (the latest). */
  async failures(): Promise<RemediationFailed[]> {
    return Object.values(await this.redis.hgetall(this.failuresKey)).map((v) => JSON.parse(v) as RemediationFailed);
  }

  async addFailure(f: RemediationFailed): Promise<void> {
    await this.redis.hset(this.failuresKey, f.node, JSON.stringify(f));
  }

  async clearFailure(node: string): Promise<void> {
    await this.redis.hdel(this.failuresKey, node);
  }

  async saveListing(listing: AlertListing): Promise<void> {
    await this.redis.set(this.listingKey, JSON.stringify(listing));
  }

  async listing(): Promise<AlertListing | undefined> {
    const text = await this.redis.get(this.listingKey);
    return text ? (JSON.parse(text) as AlertListing) : undefined;
  }
}
