/**
 * Delivers group messages to Slack one channel at a time: at most one new message per
 * `minIntervalMs` per channel and, separately, one update per `minIntervalMs` (Slack limits
 * chat.postMessage and chat.update apart, so a new alert never waits behind an edit), the latest state of a group wins (it is rendered when its turn comes, not when it
 * was asked for), and nothing is dropped on a 429: the item waits Retry-After and goes again.
 */
import type { Logger } from 'pino';
import type { Clock, Timer } from '../../clock.js';
import { describeError } from '../../errors.js';
import { backoffDelay, type Backoff } from '../../http/retry.js';
import { SinkRateLimitedError, type AlertMessage, type AlertSink } from './types.js';

/** What the poster asks the alert manager at send time. */
export interface PosterSource {
  /** The group's message now, its hash, and where it already is; undefined when nothing is due. */
  current(groupId: string): { message: AlertMessage; hash: string; posted?: { ts: string; channel: string } } | undefined;
  /** A thread reply under the posted group; undefined drops the reminder (group gone). */
  reminder(groupId: string): { message: AlertMessage; posted: { ts: string; channel: string } } | undefined;
  delivered(groupId: string, result: { ts: string; channel: string; hash: string }): Promise<void>;
}

interface Item {
  type: 'sync' | 'reminder';
  groupId: string;
  attempts: number;
}

interface Lane {
  items: Item[];
  /** When the next chat.postMessage (new message or thread reply) may go. */
  nextPostAt: number;
  /** When the next chat.update may go. */
  nextUpdateAt: number;
  timer?: Timer | undefined;
  sending?: string;
}

const MAX_ERRORS = 6;
/** After a failed delivery (not a 429, which says how long to wait): 1 s, 2 s, 4 s… up to 30 s. */
const DELIVERY_BACKOFF: Backoff = { initialMs: 1_000, maxMs: 30_000, jitter: 'none' };

export class ChannelPoster {
  private readonly lanes = new Map<string, Lane>();
  private stopped = false;
  private waiters: Array<() => void> = [];
  readonly stats = { posts: 0, updates: 0, replies: 0, rateLimited: 0, errors: 0 };

  constructor(
    private readonly sink: AlertSink,
    private readonly source: PosterSource,
    private readonly opts: { minIntervalMs: number; log: Pick<Logger, 'warn' | 'error'>; clock: Clock },
  ) {}

  private now = () => this.opts.clock.now();

  /** Makes sure the group's message is brought up to date (posted first if needed). */
  sync(channel: string, groupId: string): void {
    const lane = this.lane(channel);
    if (!lane.items.some((i) => i.type === 'sync' && i.groupId === groupId)) lane.items.push({ type: 'sync', groupId, attempts: 0 });
    this.schedule(channel);
  }

  reminder(channel: string, groupId: string): void {
    this.lane(channel).items.push({ type: 'reminder', groupId, attempts: 0 });
    this.schedule(channel);
  }

  /** Drops a queued first post; false when it is being sent right now (its ts will arrive). */
  cancel(channel: string, groupId: string): boolean {
    const lane = this.lane(channel);
    if (lane.sending === groupId) return false;
    lane.items = lane.items.filter((i) => i.groupId !== groupId);
    return true;
  }

  isBusyWith(channel: string, groupId: string): boolean {
    const lane = this.lanes.get(channel);
    return !!lane && (lane.sending === groupId || lane.items.some((i) => i.groupId === groupId));
  }

  /** Resolves when every lane is empty (tests, shutdown). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  stop(): void {
    this.stopped = true;
    for (const lane of this.lanes.values()) lane.timer?.cancel();
    this.wake();
  }

  private isIdle(): boolean {
    return [...this.lanes.values()].every((l) => l.items.length === 0 && !l.sending);
  }

  private wake(): void {
    if (!this.isIdle() && !this.stopped) return;
    for (const w of this.waiters.splice(0)) w();
  }

  private lane(channel: string): Lane {
    let lane = this.lanes.get(channel);
    if (!lane) {
      lane = { items: [], nextPostAt: 0, nextUpdateAt: 0 };
      this.lanes.set(channel, lane);
    }
    return lane;
  }

  private schedule(channel: string): void {
    const lane = this.lane(channel);
    if (this.stopped || lane.timer || lane.sending || lane.items.length === 0) return;
    lane.timer = this.opts.clock.after(Math.max(0, this.dueAt(lane) - this.now()), () => {
      lane.timer = undefined;
      void this.sendNext(channel);
    });
  }

  /** The head item is an update when its group's message is already posted, else a post. */
  private isUpdate(item: Item): boolean {
    return item.type === 'sync' && this.source.current(item.groupId)?.posted !== undefined;
  }

  private dueAt(lane: Lane): number {
    const head = lane.items[0];
    return head && this.isUpdate(head) ? lane.nextUpdateAt : lane.nextPostAt;
  }

  private async sendNext(channel: string): Promise<void> {
    const lane = this.lane(channel);
    const item = lane.items.shift();
    if (!item || this.stopped) return this.wake();
    lane.sending = item.groupId;
    const update = this.isUpdate(item);
    try {
      const sent = await this.send(channel, item);
      if (sent && update) lane.nextUpdateAt = this.now() + this.opts.minIntervalMs;
      if (sent && !update) lane.nextPostAt = this.now() + this.opts.minIntervalMs;
    } catch (err) {
      this.retry(lane, item, err);
    } finally {
      lane.sending = undefined;
    }
    this.schedule(channel);
    this.wake();
  }

  private async send(channel: string, item: Item): Promise<boolean> {
    if (item.type === 'reminder') {
      const r = this.source.reminder(item.groupId);
      if (!r) return false;
      await this.sink.post(r.posted.channel, r.message, { threadTs: r.posted.ts });
      this.stats.replies += 1;
      return true;
    }
    const cur = this.source.current(item.groupId);
    if (!cur) return false;
    let posted = cur.posted;
    if (posted) {
      await this.sink.update(posted.channel, posted.ts, cur.message);
      this.stats.updates += 1;
    } else {
      posted = await this.sink.post(channel, cur.message);
      this.stats.posts += 1;
    }
    await this.source.delivered(item.groupId, { ...posted, hash: cur.hash });
    return true;
  }

  private retry(lane: Lane, item: Item, err: unknown): void {
    if (err instanceof SinkRateLimitedError) {
      this.stats.rateLimited += 1;
      lane.items.unshift(item);
      lane.nextPostAt = lane.nextUpdateAt = this.now() + err.retryAfterMs;
      return;
    }
    this.stats.errors += 1;
    item.attempts += 1;
    if (item.attempts >= MAX_ERRORS) {
      this.opts.log.error({ groupId: item.groupId, err: describeError(err) }, 'alert message could not be delivered; giving up on this update');
      return;
    }
    this.opts.log.warn({ groupId: item.groupId, attempt: item.attempts, err: describeError(err) }, 'alert message delivery failed; retrying');
    lane.items.unshift(item);
    lane.nextPostAt = lane.nextUpdateAt = this.now() + backoffDelay(DELIVERY_BACKOFF, item.attempts - 1);
  }
}
