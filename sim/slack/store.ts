/**
 * The simulator's workspace: its directory (channels, users, user groups) and everything
 * the bot has posted, in the order it was posted.
 */
import type { DeletedMessage, EphemeralMessage, PublishedView, SlackChannel, SlackUser, SlackUsergroup, StoredFile, StoredMessage } from './types.js';

export const defaultChannels: SlackChannel[] = [
  { id: 'C0CIOPS', name: 'ci-ops' },
  { id: 'C0ALERTS', name: 'ci-alerts' },
  { id: 'C0RANDOM', name: 'random' },
];

export const defaultUsers: SlackUser[] = [
  { id: 'U0ALICE', name: 'alice' },
  { id: 'U0BOB', name: 'bob' },
  { id: 'U0CAROL', name: 'carol' },
  { id: 'U0DAVE', name: 'dave' },
];

export const defaultUsergroups: SlackUsergroup[] = [{ id: 'S0CIADMINS', handle: 'ci-admins', users: ['U0BOB', 'U0CAROL'] }];

export interface SlackStoreDirectory {
  channels: SlackChannel[];
  users: SlackUser[];
  usergroups: SlackUsergroup[];
}

export class SlackStore {
  readonly channels: SlackChannel[];
  readonly users: SlackUser[];
  readonly usergroups: SlackUsergroup[];
  /** Messages per channel id, in posting order (thread replies included). */
  readonly messagesByChannel = new Map<string, StoredMessage[]>();
  readonly ephemeral: EphemeralMessage[] = [];
  readonly files = new Map<string, StoredFile>();
  /** App Home views by user id (the latest publish wins). */
  readonly views = new Map<string, PublishedView>();
  readonly deleted: DeletedMessage[] = [];
  /** Channels the bot is in (invited, or joined with conversations.join). */
  private readonly botChannels = new Set<string>();
  private lastMicros = 0;

  constructor(
    directory: SlackStoreDirectory,
    private readonly now: () => number,
  ) {
    this.channels = directory.channels.map((c) => ({ ...c }));
    this.users = directory.users.map((u) => ({ ...u }));
    this.usergroups = directory.usergroups.map((g) => ({ ...g, users: [...g.users] }));
    for (const c of this.channels) this.messagesByChannel.set(c.id, []);
    for (const c of this.channels) if (c.botIsMember) this.botChannels.add(c.id);
  }

  botIsMember(channelId: string): boolean {
    return this.botChannels.has(channelId);
  }

  /** The bot joins (or is invited to) a channel. */
  setBotMember(channelId: string): void {
    this.botChannels.add(channelId);
  }

  /** A new unique, increasing Slack timestamp such as "1764000000.000100". */
  nextTs(): string {
    const micros = Math.max(Math.floor(this.now() * 1000), this.lastMicros + 100);
    this.lastMicros = micros;
    const sec = Math.floor(micros / 1_000_000);
    return `${sec}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  /** Resolves a channel id, `#name` or bare name. */
  channel(ref: string): SlackChannel | undefined {
    const name = ref.startsWith('#') ? ref.slice(1) : ref;
    return this.channels.find((c) => c.id === ref) ?? this.channels.find((c) => c.name === name);
  }

  user(id: string): SlackUser | undefined {
    return this.users.find((u) => u.id === id);
  }

  usergroup(id: string): SlackUsergroup | undefined {
    return this.usergroups.find((g) => g.id === id);
  }

  /** Messages in a channel (id or name), oldest first. */
  messages(channelRef: string): StoredMessage[] {
    const c = this.channel(channelRef);
    return c ? (this.messagesByChannel.get(c.id) ?? []) : [];
  }

  /** Top-level messages of a channel (no thread replies). */
  topLevel(channelRef: string): StoredMessage[] {
    return this.messages(channelRef).filter((m) => m.thread_ts === undefined || m.thread_ts === m.ts);
  }

  /** Replies in the thread under `threadTs`, oldest first. */
  thread(channelRef: string, threadTs: string): StoredMessage[] {
    return this.messages(channelRef).filter((m) => m.thread_ts === threadTs && m.ts !== threadTs);
  }

  message(channelRef: string, ts: string): StoredMessage | undefined {
    return this.messages(channelRef).find((m) => m.ts === ts);
  }

  lastMessage(channelRef: string): StoredMessage | undefined {
    return this.messages(channelRef).at(-1);
  }

  /** Ephemeral messages, optionally only those one user saw or in one channel. */
  ephemeralFor(filter: { user?: string; channel?: string } = {}): EphemeralMessage[] {
    return this.ephemeral.filter(
      (e) => (filter.user === undefined || e.user === filter.user) && (filter.channel === undefined || e.channel === filter.channel),
    );
  }

  addMessage(message: StoredMessage): void {
    const list = this.messagesByChannel.get(message.channel) ?? [];
    list.push(message);
    this.messagesByChannel.set(message.channel, list);
  }

  removeMessage(channel: string, ts: string): StoredMessage | undefined {
    const list = this.messagesByChannel.get(channel) ?? [];
    const i = list.findIndex((m) => m.ts === ts);
    if (i < 0) return undefined;
    const [removed] = list.splice(i, 1);
    if (removed) this.deleted.push({ channel, ts, message: removed });
    return removed;
  }
}
