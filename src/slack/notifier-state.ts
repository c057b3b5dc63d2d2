/**
 * What the Slack notifier must remember across restarts and replicas (design §5: nothing needed to
 * finish or explain an operation lives only in memory): what became of each long plan's file, so
 * it is uploaded once and every later rendering of the message says where it is; and a fingerprint
 * of what each operation's message last showed, so an identical re-render (a retried step, a
 * restarted bot, another replica) sends no update. Both last as long as finished operation records.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { PlanFile } from './render-operation.js';

const KEEP_SECONDS = 30 * 86_400;
/** An upload claimed by a process that died before saying how it went may be tried again after this. */
const CLAIM_MS = 5 * 60_000;
const PENDING = 'pending';

export class NotifierState {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private planFileKey = (opId: string, planHash: string) => `${this.prefix}:notifier:plan-file:${opId}:${planHash}`;
  private shownKey = (opId: string) => `${this.prefix}:notifier:shown:${opId}`;

  /** What became of the plan's file; undefined while nobody tried, or while an upload is under way. */
  async planFile(opId: string, planHash: string): Promise<PlanFile | undefined> {
    const text = await this.redis.get(this.planFileKey(opId, planHash));
    return text && text !== PENDING ? (JSON.parse(text) as PlanFile) : undefined;
  }

  /** True for the one caller that uploads the plan's file (a second replica or a retried step gets false). */
  async claimPlanFile(opId: string, planHash: string): Promise<boolean> {
    return (await this.redis.set(this.planFileKey(opId, planHash), PENDING, 'PX', CLAIM_MS, 'NX')) === 'OK';
  }

  async savePlanFile(opId: string, planHash: string, file: PlanFile): Promise<void> {
    await this.redis.set(this.planFileKey(opId, planHash), JSON.stringify(file), 'EX', KEEP_SECONDS);
  }

  /** Whether the operation's message last showed exactly `message`. */
  async isShown(opId: string, message: unknown): Promise<boolean> {
    return (await this.redis.get(this.shownKey(opId))) === fingerprint(message);
  }

  /** Called once Slack has the message, so a failed update is sent again by the next try. */
  async shown(opId: string, message: unknown): Promise<void> {
    await this.redis.set(this.shownKey(opId), fingerprint(message), 'EX', KEEP_SECONDS);
  }
}

const fingerprint = (message: unknown) => createHash('sha256').update(JSON.stringify(message)).digest('base64url');
