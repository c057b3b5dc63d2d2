/**
 * The audit trail: a capped Redis stream (newest kept), optionally mirrored to a JSONL file for
 * long-term retention elsewhere. Writing never fails an operation: a lost audit line is logged.
 */
import { appendFile } from 'node:fs/promises';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { describeError } from '../errors.js';
import { AuditEntry, type AuditFilter } from '../operations/index.js';
import type { Redactor } from '../redact.js';

export class AuditLog {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly opts: { maxEntries: number; file?: string | undefined; log: Logger; now: () => number; redactor: Redactor },
  ) {}

  private get key() {
    return `${this.prefix}:audit`;
  }

  async record(entry: Omit<AuditEntry, 'at' | 'details'> & { details?: Record<string, string | number | boolean | undefined> }): Promise<void> {
    const details = Object.fromEntries(
      Object.entries(entry.details ?? {})
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, String(v)]),
    );
    const full = this.opts.redactor.redactDeep(AuditEntry.parse({ ...entry, details, at: new Date(this.opts.now()).toISOString() }));
    const line = JSON.stringify(full);
    try {
      await this.redis.xadd(this.key, 'MAXLEN', '~', String(this.opts.maxEntries), '*', 'e', line);
      if (this.opts.file) await appendFile(this.opts.file, `${line}\n`);
    } catch (err) {
      this.opts.log.error({ err: describeError(err), opId: entry.opId, event: entry.event }, 'audit entry not written');
    }
  }

  /** Newest first; scans at most a few thousand entries for the filter. */
  async recent(filter: AuditFilter): Promise<AuditEntry[]> {
    const out: AuditEntry[] = [];
    let end = '+';
    for (let page = 0; page < 10 && out.length < filter.limit; page++) {
      const rows = await this.redis.xrevrange(this.key, end, '-', 'COUNT', 500);
      if (rows.length === 0) break;
      for (const [, fields] of rows) {
        const parsed = AuditEntry.safeParse(JSON.parse(fields[1] ?? '{}'));
        if (!parsed.success) continue;
        const e = parsed.data;
        if (filter.target && e.target !== filter.target && !e.targets?.includes(filter.target)) continue;
        if (filter.userId && e.userId !== filter.userId) continue;
        out.push(e);
        if (out.length >= filter.limit) break;
      }
      const last = rows[rows.length - 1]![0];
      end = `(${last}`;
    }
    return out;
  }
}
