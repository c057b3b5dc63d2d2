/**
 * Every message the demo console printed, numbered in the order they first appeared: channel
 * messages and private ones (ephemeral: a command's answer, the list under `/ci logs`, the buttons
 * of `/ci node`) alike, so `press 2 on 7` reaches any of them, and `press 2` the newest one you see.
 */
import { buttonsOf, type MessageButton, type SlackStore } from '../slack/index.js';

export interface Shown {
  n: number;
  channel: string;
  ts: string;
  /** Set on a private message: the only user who sees it (and may press its buttons). */
  user?: string;
}

/** A message that can be pressed right now, with its buttons. */
export interface Pressable {
  shown: Shown;
  buttons: MessageButton[];
}

export class ShownMessages {
  private readonly byKey = new Map<string, Shown>();
  private readonly byNumber: Shown[] = [];

  constructor(private readonly store: SlackStore) {}

  /** The number of a message, given on first sight. */
  number(m: { channel: string; ts: string }, user?: string): Shown {
    const key = `${user ?? ''}/${m.channel}/${m.ts}`;
    let shown = this.byKey.get(key);
    if (!shown) {
      shown = { n: this.byNumber.length + 1, channel: m.channel, ts: m.ts, ...(user ? { user } : {}) };
      this.byKey.set(key, shown);
      this.byNumber.push(shown);
    }
    return shown;
  }

  numberOf(channel: string, ts: string): number | undefined {
    return this.byKey.get(`/${channel}/${ts}`)?.n;
  }

  get(n: number): Shown | undefined {
    return this.byNumber[n - 1];
  }

  /** The buttons the message has now (none once it was deleted). */
  buttons(s: Shown): MessageButton[] {
    const now = s.user ? this.store.ephemeral.find((e) => e.ts === s.ts && e.user === s.user && e.channel === s.channel) : this.store.message(s.channel, s.ts);
    return now ? buttonsOf(now) : [];
  }

  /** The newest message `userId` can see that has a button matching `pick`. */
  latest(userId: string, pick: (b: MessageButton) => boolean = () => true): Pressable | undefined {
    for (const shown of [...this.byNumber].reverse()) {
      if (shown.user && shown.user !== userId) continue;
      const buttons = this.buttons(shown);
      if (buttons.some(pick)) return { shown, buttons };
    }
    return undefined;
  }

  /** Numbers of the messages with buttons that `userId` can see, oldest first. */
  withButtons(userId: string): number[] {
    return this.byNumber.filter((s) => (!s.user || s.user === userId) && this.buttons(s).length > 0).map((s) => s.n);
  }
}
