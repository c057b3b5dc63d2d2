/**
 * Upgrading (README): an operation written by another version is processed when its record still
 * validates, and refused with a clear message — never guessed at — when it does not.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperationStore } from '../../src/queue/store.js';
import { deletePrefix, REDIS_URL } from '../support/stack.js';

const prefix = `t-upgrade-${randomUUID().slice(0, 8)}`;
let redis: Redis;

const record = (operation: Record<string, unknown>) => ({
  envelope: { opId: 'op-0ld0ne', requestedBy: { userId: 'U0ALICE', channelId: 'C0CIOPS' }, requestedAt: '2026-01-05T09:30:00.000Z', operation },
  state: 'awaiting-approval',
  approvals: [],
  progress: [],
  approvalsRequired: 1,
  updatedAt: '2026-01-05T09:30:01.000Z',
});

describe('records written by another version', () => {
  beforeAll(() => {
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    redis.disconnect();
    await deletePrefix(prefix);
  });

  it('reads a record of the current shape (v: 1)', async () => {
    await redis.set(
      `${prefix}:op:op-0ld0ne`,
      JSON.stringify(record({ kind: 'nomad.scale', v: 1, jobId: 'ci-mesosci-cs8', group: 'ci', count: 10, typed: 'mesosci-cs8' })),
    );
    const rec = await new OperationStore(redis, prefix).get('op-0ld0ne');
    expect(rec?.envelope.operation).toMatchObject({ kind: 'nomad.scale', v: 1, count: 10 });
  });

  it('refuses an unknown operation version clearly, naming the operation', async () => {
    await redis.set(`${prefix}:op:op-0ld0ne`, JSON.stringify(record({ kind: 'nomad.scale', v: 2, jobId: 'ci-mesosci-cs8', groups: { ci: 10 } })));
    const store = new OperationStore(redis, prefix);
    await expect(store.get('op-0ld0ne')).rejects.toThrow(/^operation op-0ld0ne was stored by an incompatible version: /);
    await expect(store.update('op-0ld0ne', (r) => ({ next: r, outcome: true }))).rejects.toThrow('incompatible version');
    // Refused, not rewritten: the record stays for a version that understands it.
    expect(JSON.parse((await redis.get(`${prefix}:op:op-0ld0ne`))!).envelope.operation.v).toBe(2);
  });

  it('refuses an operation kind this version does not know', async () => {
    await redis.set(`${prefix}:op:op-0ld0ne`, JSON.stringify(record({ kind: 'nomad.teleport', v: 1, jobId: 'x' })));
    await expect(new OperationStore(redis, prefix).get('op-0ld0ne')).rejects.toThrow('operation op-0ld0ne was stored by an incompatible version');
  });
});
