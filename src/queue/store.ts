/**
 * Operation records in Redis, one JSON value per operation, changed only by compare-and-set:
 * read, decide, write if nobody wrote in between. Two Approve clicks, two workers or a retried
 * step can never both win a transition.
 */
import type { Redis } from 'ioredis';
import { systemClock, type Clock } from '../clock.js';
import { CodedError, ErrorCode } from '../errors.js';
import { FINAL_STATES, OperationRecord, type OperationEnvelope } from '../operations/index.js';
import { NO_REPLICA_WAIT, type DurableWrites } from '../redis/replica-wait.js';

const CAS = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL') return 1 else return 0 end`;

/** What a mutation decided: write `next`, or leave the record as it is and report `outcome`. */
export type Mutation<T> = { next: OperationRecord; outcome: T } | { next?: undefined; outcome: T };

/** Finished operations are kept this long for `/ci history` and late button clicks. */
const FINISHED_TTL_SECONDS = 30 * 86_400;

export class OperationStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly clock: Clock = systemClock,
    /** Every record change is on a replica before the bot acts on it (Slack, Nomad, the next step). */
    private readonly durable: DurableWrites = NO_REPLICA_WAIT,
  ) {}

  private key(opId: string) {
    return `${this.prefix}:op:${opId}`;
  }
  private get activeKey() {
    return `${this.prefix}:ops:active`;
  }

  /** Creates the record unless it exists (a redelivered request): returns false then. */
  async create(envelope: OperationEnvelope, extra: Partial<OperationRecord> = {}): Promise<boolean> {
    const record: OperationRecord = OperationRecord.parse({
      envelope,
      state: 'queued',
      approvals: [],
      progress: [],
      updatedAt: new Date(this.clock.now()).toISOString(),
      ...extra,
    });
    const ok = await this.redis.set(this.key(envelope.opId), JSON.stringify(record), 'NX');
    if (ok) {
      await this.redis.zadd(this.activeKey, this.clock.now(), envelope.opId);
      await this.durable.after(`create ${envelope.opId}`);
    }
    return ok === 'OK';
  }

  async get(opId: string): Promise<OperationRecord | undefined> {
    const raw = await this.redis.get(this.key(opId));
    return raw ? parseRecord(opId, raw) : undefined;
  }

  /** Applies `decide` atomically (optimistic retries); returns the decision and the final record. */
  async update<T>(opId: string, decide: (rec: OperationRecord) => Mutation<T>): Promise<{ outcome: T; record: OperationRecord } | undefined> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const raw = await this.redis.get(this.key(opId));
      if (!raw) return undefined;
      const current = parseRecord(opId, raw);
      const decision = decide(structuredClone(current));
      if (!decision.next) return { outcome: decision.outcome, record: current };
      const next = OperationRecord.parse({ ...decision.next, updatedAt: new Date(this.clock.now()).toISOString() });
      const written = await this.redis.eval(CAS, 1, this.key(opId), raw, JSON.stringify(next));
      if (written === 1) {
        if (FINAL_STATES.includes(next.state) && !FINAL_STATES.includes(current.state)) {
          await this.redis.zrem(this.activeKey, opId);
          await this.redis.expire(this.key(opId), FINISHED_TTL_SECONDS);
        }
        await this.durable.after(`${opId} ${next.state}`);
        return { outcome: decision.outcome, record: next };
      }
    }
    throw new CodedError(ErrorCode.Internal, `operation ${opId}: too much contention updating its record`);
  }

  /** Operations not yet finished, oldest first (for recovery after a restart and the App Home). */
  async active(): Promise<string[]> {
    return this.redis.zrange(this.activeKey, 0, -1);
  }
}

function parseRecord(opId: string, raw: string): OperationRecord {
  const parsed = OperationRecord.safeParse(JSON.parse(raw));
  if (!parsed.success) {
    // Written by an incompatible version: refuse clearly rather than guess (README "Upgrading").
    throw new CodedError(ErrorCode.OperationInvalid, `operation ${opId} was stored by an incompatible version: ${parsed.error.issues[0]?.message}`);
  }
  return parsed.data;
}
