/**
 * Plan on merge: when the followed branch moves, every instance whose rendered job changed gets
 * a deploy plan in the configured channel, with Approve / Reject as usual. Nothing is applied
 * without an approval. Which head was last planned lives in Redis (moved by compare-and-set once
 * the plans are queued), and the operation ids derive from the commit and the instance, so a
 * webhook and the poll timer, two replicas, or a restart plan one merge once.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Declarations } from '../declarations/index.js';
import { instanceKey } from '../declarations/index.js';
import type { FetchedHead } from '../declarations/git/repo.js';
import type { LoadOptions } from '../declarations/git/source.js';
import { describeError } from '../errors.js';
import type { OperationEnvelope } from '../operations/index.js';

export interface PlanOnMergeDeps {
  declarations: { branch: string; load(opts: LoadOptions): Promise<Declarations> };
  redis: Redis;
  prefix: string;
  /** Queues a deploy operation (its plan is posted with Approve / Reject). */
  request(envelope: OperationEnvelope): Promise<'queued' | 'duplicate'>;
  /** Who the plans are requested by: the bot's own Slack user. */
  botUserId(): Promise<string>;
  channel: string;
  now(): number;
  log: Logger;
}

/** Moves `key` from `from` (null: unset) to `to` only if nobody moved it meanwhile. */
const COMPARE_AND_SET = `
local cur = redis.call('GET', KEYS[1])
if (cur == false and ARGV[1] == '') or cur == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2])
  return 1
end
return 0`;

export class PlanOnMerge {
  constructor(private readonly d: PlanOnMergeDeps) {}

  private get key(): string {
    return `${this.d.prefix}:git:planned-head:${this.d.declarations.branch}`;
  }

  /** Called after a fetch that found the branch somewhere new. */
  async headMoved(moved: FetchedHead): Promise<string[]> {
    const last = await this.d.redis.get(this.key);
    if (last === moved.head) return [];
    const planned: string[] = [];
    // The first head the bot ever sees is where it starts: nothing merged is waiting for it.
    if (last !== null) {
      const changed = await this.changedInstances(last, moved.head);
      const bot = await this.d.botUserId();
      for (const { key, jobName } of changed) {
        const envelope: OperationEnvelope = {
          opId: `op-merge-${moved.head.slice(0, 10)}-${createHash('sha256').update(key).digest('hex').slice(0, 6)}`,
          requestedBy: { userId: bot, channelId: this.d.channel },
          requestedAt: new Date(this.d.now()).toISOString(),
          operation: { kind: 'nomad.deploy', v: 1, targets: [{ instance: key, jobId: jobName }], ref: this.d.declarations.branch, typed: key },
        };
        // A replica or trigger that planned this move too gets 'duplicate': one plan per merge and instance.
        if ((await this.d.request(envelope)) === 'queued') planned.push(key);
      }
    }
    // Moved only once the plans are queued: a bot that dies before plans the move again on its next fetch.
    await this.d.redis.eval(COMPARE_AND_SET, 1, this.key, last ?? '', moved.head);
    this.d.log.info(
      { from: last, to: moved.head, forced: moved.forced, planned },
      last === null ? 'plan on merge: following the branch from here' : 'plan on merge',
    );
    return planned;
  }

  /** Instances whose rendered job differs between the two commits (new ones and broken ones too). */
  private async changedInstances(from: string, to: string): Promise<{ key: string; jobName: string }[]> {
    const after = await this.d.declarations.load({ ref: to, fetch: 'no' });
    const before = await this.d.declarations.load({ ref: from, fetch: 'no' }).catch((err: unknown) => {
      this.d.log.warn({ err: describeError(err), from }, 'plan on merge: the previous head cannot be read; every instance is planned');
      return undefined;
    });
    const render = (d: Declarations | undefined, key: string) => {
      const r = d?.resolve(key);
      if (!d || r?.kind !== 'instance') return Promise.resolve(undefined);
      return d.render(r.instance).catch((err: unknown) => `render error: ${describeError(err)}`);
    };
    const out: { key: string; jobName: string }[] = [];
    for (const i of after.list()) {
      const key = instanceKey(i);
      if ((await render(before, key)) !== (await render(after, key))) out.push({ key, jobName: i.jobName });
    }
    return out;
  }
}
