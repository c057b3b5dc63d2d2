/**
 * One operation at a time per target (a Nomad job, a node, a VM). The lock's value is the owning
 * operation id, so the owner can re-enter after a restart and nobody else can release it.
 */
import type { Redis } from 'ioredis';
import { NO_REPLICA_WAIT, type DurableWrites } from '../redis/replica-wait.js';

const TRY_LOCK = `
local cur = redis.call('GET', KEYS[1])
if not cur then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return '' end
if cur == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return '' end
return cur`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

export type LockResult = { acquired: true } | { acquired: false; holder: string };

export class TargetLocks {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    /** A lock taken is on a replica before its operation plans or applies. */
    private readonly durable: DurableWrites = NO_REPLICA_WAIT,
  ) {}

  private key(target: string) {
    return `${this.prefix}:lock:${target}`;
  }

  async tryLock(target: string, owner: string, ttlMs: number): Promise<LockResult> {
    const holder = (await this.redis.eval(TRY_LOCK, 1, this.key(target), owner, String(Math.ceil(ttlMs)))) as string;
    if (holder === '') await this.durable.after(`lock ${target}`);
    return holder === '' ? { acquired: true } : { acquired: false, holder };
  }

  async release(target: string, owner: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key(target), owner);
  }

  async holder(target: string): Promise<string | null> {
    return this.redis.get(this.key(target));
  }
}
