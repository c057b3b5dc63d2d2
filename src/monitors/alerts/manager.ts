/**
 * The alert lifecycle: facts in, Slack messages out. A new problem waits `groupWaitMs` so a storm
 * becomes one message per kind and channel; the same message is updated as members join, resolve,
 * are silenced (and unsilenced) or inhibited, and finally shows the resolution. Reminders go in
 * the thread. A message with nothing firing takes no new members: a new problem gets a new message.
 * Groups live in Redis, so a restarted bot updates the messages it already posted.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Clock } from '../../clock.js';
import type { AlertFact } from '../facts.js';
import { windowFor, type MaintenanceWindow } from '../maintenance.js';
import type { AlertListing, ListedAlert } from './listing.js';
import { ChannelPoster, type PosterSource } from './poster.js';
import { silenceFor } from './silences.js';
import type { AlertStore } from './store.js';
import type { AlertGroup, AlertMember, AlertMessage, AlertSink, Silence } from './types.js';

export interface AlertManagerOptions {
  store: AlertStore;
  sink: AlertSink;
  log: Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;
  groupWaitMs: number;
  repeatIntervalMs: number;
  minPostIntervalMs: number;
  /** Channel per kind. */
  channels: Record<string, string>;
  defaultChannel: string;
  /** Per kind: how long a fact must hold (measured from its `since`) before it is posted. */
  holdMs: Record<string, number>;
  clock: Clock;
}

/** Stable opaque id of an alert, for buttons and `/ci silence`. */
export const alertId = (key: string) => `al-${createHash('sha256').update(key).digest('hex').slice(0, 10)}`;
const newGroupId = () => `ag-${randomBytes(5).toString('hex')}`;
const hashOf = (m: AlertMessage) => createHash('sha1').update(JSON.stringify(m)).digest('hex').slice(0, 16);

/** Alerts the detectors cannot judge yet, by kind or by key. */
export interface Undecided {
  kinds?: readonly string[];
  keys?: readonly string[];
}

export class AlertManager implements PosterSource {
  readonly poster: ChannelPoster;
  private readonly open = new Map<string, AlertGroup>();
  private facts: AlertFact[] = [];
  private silences: Silence[] = [];
  private windows: MaintenanceWindow[] = [];
  private chain: Promise<void> = Promise.resolve();
  private listingJson = '';
  private stopped = false;

  constructor(private readonly o: AlertManagerOptions) {
    this.poster = new ChannelPoster(o.sink, this, { minIntervalMs: o.minPostIntervalMs, log: o.log, clock: o.clock });
  }

  private now = () => this.o.clock.now();

  /** Loads the groups still open (or whose final message is not yet sent) from Redis. */
  async load(): Promise<void> {
    this.open.clear();
    for (const g of await this.o.store.groups(this.now())) {
      if (g.closedAt === undefined || g.sentHash !== hashOf(this.o.sink.render(g))) this.open.set(g.id, g);
    }
  }

  /**
   * Runs one lifecycle pass over the complete current set of facts (serialised). Alerts of an
   * `unknown` kind or key are left as they are: the detectors cannot judge them yet (no full read,
   * not enough disk readings since a restart), so their absence is no resolution. Alerts about a
   * node in one of the `windows` (an approved operation is taking it away) are held back.
   */
  evaluate(facts: AlertFact[], unknown: Undecided = {}, windows: MaintenanceWindow[] = []): Promise<void> {
    const run = this.chain.then(() => this.pass(facts, unknown, windows));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async pass(facts: AlertFact[], unknown: Undecided, windows: MaintenanceWindow[]): Promise<void> {
    const undecided = (m: AlertMember) => (unknown.kinds ?? []).includes(m.fact.kind) || (unknown.keys ?? []).includes(m.key);
    if (this.stopped) return;
    const now = this.now();
    this.facts = facts;
    this.windows = windows;
    this.silences = await this.o.store.silences(now);
    const byKey = new Map(facts.map((f) => [f.key, f]));
    const dirty = new Set<AlertGroup>();
    const tracked = new Set<string>();
    for (const g of this.open.values()) {
      // A closing group keeps its final picture; a problem that comes back starts a new message.
      if (g.closedAt !== undefined) continue;
      for (const m of g.members) {
        if (m.state === 'resolved') continue;
        const f = byKey.get(m.key);
        if (!f && undecided(m)) {
          tracked.add(m.key);
          continue;
        }
        const before = JSON.stringify(m);
        if (f) this.applyState(m, f, byKey);
        else resolve(m, now);
        if (JSON.stringify(m) !== before) dirty.add(g);
        if (f) tracked.add(m.key);
      }
    }
    for (const f of facts) {
      if (tracked.has(f.key) || now - f.since < (this.o.holdMs[f.kind] ?? 0)) continue;
      const probe = this.stateOf(f, byKey);
      if (probe.state !== 'firing') continue;
      dirty.add(this.join(f, now));
    }
    for (const g of [...this.open.values()]) this.advance(g, now, dirty);
    await this.o.store.saveGroups([...dirty]);
    await this.saveListing(now);
  }

  /** Puts a newly firing fact into the open group of its kind and channel (or a new group). */
  private join(f: AlertFact, now: number): AlertGroup {
    const channel = this.o.channels[f.kind] ?? this.o.defaultChannel;
    // Join a message people are looking at (one with something firing), not an old quiet one.
    let g = [...this.open.values()]
      .filter((x) => x.kind === f.kind && x.channel === channel && x.closedAt === undefined && x.members.some((m) => m.state === 'firing'))
      .sort((a, b) => b.createdAt - a.createdAt)[0];
    if (!g) {
      g = { id: newGroupId(), kind: f.kind, channel, createdAt: now, members: [], reminders: 0 };
      this.open.set(g.id, g);
    }
    const old = g.members.find((m) => m.key === f.key);
    if (old) {
      old.fact = f;
      old.state = 'firing';
      delete old.resolvedAt;
      delete old.resolvedIn;
    } else {
      g.members.push({ id: alertId(f.key), key: f.key, fact: f, state: 'firing', firstSeenAt: now });
    }
    return g;
  }

  /** Posting, updating, reminding and closing one group. */
  private advance(g: AlertGroup, now: number, dirty: Set<AlertGroup>): void {
    const firing = g.members.some((m) => m.state === 'firing');
    if (!g.ts) {
      if (!firing) {
        // Over before anyone was told (a blip shorter than group_wait, or silenced in time).
        if (this.poster.cancel(g.channel, g.id)) {
          this.open.delete(g.id);
          dirty.delete(g);
          void this.o.store.deleteGroup(g.id);
        }
        return;
      }
      if (now - g.createdAt >= this.o.groupWaitMs) this.poster.sync(g.channel, g.id);
      return;
    }
    // Silenced and held-back members keep the message open, so it still ends with their resolution.
    if (g.members.every((m) => m.state === 'resolved') && g.closedAt === undefined) {
      g.closedAt = now;
      dirty.add(g);
    }
    const hash = hashOf(this.o.sink.render(g));
    if (hash !== g.sentHash) this.poster.sync(g.channel, g.id);
    else if (g.closedAt !== undefined) this.open.delete(g.id);
    if (firing && now - (g.lastReminderAt ?? g.postedAt ?? now) >= this.o.repeatIntervalMs) {
      g.lastReminderAt = now;
      g.reminders += 1;
      dirty.add(g);
      this.poster.reminder(g.channel, g.id);
    }
  }

  private stateOf(f: AlertFact, byKey: Map<string, AlertFact>): Pick<AlertMember, 'state' | 'silence' | 'inhibitedBy' | 'maintenance'> {
    // The bot's own approved work on the node comes first: that is not news to anyone.
    const w = windowFor(f, this.windows);
    if (w) return { state: 'maintenance', maintenance: { opId: w.opId, what: w.what, by: w.requestedBy, until: w.deadline } };
    const s = silenceFor(f, this.silences);
    if (s) return { state: 'silenced', silence: { id: s.id, by: s.createdBy, until: s.endsAt, reason: s.reason } };
    // Like Alertmanager: a source inhibits while it is reported, even when it is itself silenced.
    const by = f.inhibitedBy?.find((k) => byKey.has(k));
    if (by) return { state: 'inhibited', inhibitedBy: by };
    return { state: 'firing' };
  }

  private applyState(m: AlertMember, f: AlertFact, byKey: Map<string, AlertFact>): void {
    const s = this.stateOf(f, byKey);
    m.fact = f;
    m.state = s.state;
    if (s.silence) m.silence = s.silence;
    else delete m.silence;
    if (s.inhibitedBy) m.inhibitedBy = s.inhibitedBy;
    else delete m.inhibitedBy;
    if (s.maintenance) m.maintenance = s.maintenance;
    else delete m.maintenance;
  }

  /** When the next group_wait or reminder is due, so the engine can wake up exactly then. */
  nextDueAt(): number | undefined {
    const due: number[] = [];
    for (const g of this.open.values()) {
      if (!g.ts && g.members.some((m) => m.state === 'firing')) due.push(g.createdAt + this.o.groupWaitMs);
      else if (g.ts && g.closedAt === undefined) due.push((g.lastReminderAt ?? g.postedAt ?? this.now()) + this.o.repeatIntervalMs);
    }
    return due.length > 0 ? Math.min(...due) : undefined;
  }

  // PosterSource: what the poster sends when a group's turn comes.
  current(groupId: string): { message: AlertMessage; hash: string; posted?: { ts: string; channel: string } } | undefined {
    const g = this.open.get(groupId);
    if (!g) return undefined;
    const message = this.o.sink.render(g);
    const hash = hashOf(message);
    if (g.ts && hash === g.sentHash) return undefined;
    return { message, hash, ...(g.ts ? { posted: { ts: g.ts, channel: g.channelId ?? g.channel } } : {}) };
  }

  reminder(groupId: string): { message: AlertMessage; posted: { ts: string; channel: string } } | undefined {
    const g = this.open.get(groupId);
    if (!g?.ts || g.closedAt !== undefined) return undefined;
    return { message: this.o.sink.renderReminder(g, this.now()), posted: { ts: g.ts, channel: g.channelId ?? g.channel } };
  }

  async delivered(groupId: string, result: { ts: string; channel: string; hash: string }): Promise<void> {
    // Even after stop: the message exists in Slack now, so its ts must be remembered.
    const g = this.open.get(groupId);
    if (!g) return;
    const first = !g.ts;
    if (!g.ts) {
      g.ts = result.ts;
      g.channelId = result.channel;
      g.postedAt = this.now();
    }
    g.sentHash = result.hash;
    if (g.closedAt !== undefined && result.hash === hashOf(this.o.sink.render(g))) this.open.delete(g.id);
    await this.o.store.saveGroups([g], first);
  }

  /** Open groups (for tests and `/ci alerts`). */
  groups(): AlertGroup[] {
    return [...this.open.values()];
  }

  /** Everything wrong now, with why it is (not) shown; also saved for other replicas. */
  listing(): AlertListing {
    const now = this.now();
    const byKey = new Map(this.facts.map((f) => [f.key, f]));
    const where = new Map<string, AlertGroup>();
    for (const g of this.open.values()) for (const m of g.members) if (m.state !== 'resolved') where.set(m.key, g);
    const alerts: ListedAlert[] = this.facts.map((f) => {
      const s = now - f.since < (this.o.holdMs[f.kind] ?? 0) && !where.has(f.key) ? { state: 'pending' as const } : this.stateOf(f, byKey);
      const g = where.get(f.key);
      const why = s.silence?.id ?? s.inhibitedBy ?? s.maintenance?.opId;
      return {
        id: alertId(f.key),
        fact: f,
        state: s.state === 'resolved' ? 'firing' : s.state,
        ...(why ? { why } : {}),
        ...(g ? { channel: g.channelId ?? g.channel, ...(g.ts ? { ts: g.ts } : {}) } : {}),
      };
    });
    return { at: now, alerts, silences: this.silences, maintenance: this.windows };
  }

  private async saveListing(now: number): Promise<void> {
    const listing = this.listing();
    const json = JSON.stringify({ ...listing, at: 0 });
    if (json === this.listingJson) return;
    this.listingJson = json;
    await this.o.store.saveListing({ ...listing, at: now });
  }

  /** Waits for queued evaluations and deliveries (tests, shutdown). */
  async settled(): Promise<void> {
    await this.chain;
    if (!this.stopped) await this.poster.idle();
  }

  /** After this, no pass runs and nothing more is sent (the lease is gone or the bot stops). */
  stop(): void {
    this.stopped = true;
    this.poster.stop();
  }
}

function resolve(m: AlertMember, now: number): void {
  // Resolved while an approved operation worked on its node: that operation fixed it, and the message says so.
  if (m.state === 'maintenance' && m.maintenance) m.resolvedIn = m.maintenance;
  m.state = 'resolved';
  m.resolvedAt = now;
  delete m.silence;
  delete m.inhibitedBy;
  delete m.maintenance;
}
