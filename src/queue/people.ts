/**
 * Who is who, for tables: the name Slack sends with each command and click, kept in one Redis hash
 * (id → name) so every replica and the worker read the same. Tables are monospace code blocks and
 * files, where a `<@U…>` mention is not rendered: they need the name itself. No users:read scope:
 * the people in the audit trail and the silences are the people who used the bot.
 */
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { describeError } from '../errors.js';

/** A Slack username as Slack sends it: no markup characters, no control characters, not too long. */
const NAME = /^[^\s<>&*_~`@|]{1,80}$/u;

export class PeopleNames {
  /** What this process already wrote: a command or click by a known person costs no Redis call. */
  private readonly written = new Map<string, string>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly log: Logger,
  ) {}

  private get key() {
    return `${this.prefix}:people`;
  }

  /** Remembers a person's name; never fails the command or click it came with. */
  async remember(userId: string, name: string | undefined): Promise<void> {
    if (!name || !NAME.test(name) || !/^[UW][A-Z0-9]{1,20}$/.test(userId) || this.written.get(userId) === name) return;
    try {
      await this.redis.hset(this.key, userId, name);
      this.written.set(userId, name);
    } catch (err) {
      this.log.warn({ err: describeError(err), user: userId }, 'person name not remembered');
    }
  }

  /** The names known for these ids (unknown ones are left out). */
  async names(userIds: readonly string[]): Promise<ReadonlyMap<string, string>> {
    const ids = [...new Set(userIds.filter(Boolean))];
    if (ids.length === 0) return new Map();
    const found = await this.redis.hmget(this.key, ...ids);
    const out = new Map<string, string>();
    ids.forEach((id, i) => {
      const name = found[i];
      if (name && NAME.test(name)) out.set(id, name);
    });
    return out;
  }
}
