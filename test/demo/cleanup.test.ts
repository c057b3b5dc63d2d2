/**
 * Issue 16 item 13: a wrong REDIS_URL fails at once with the reason; however the demo ends (end of
 * the script, SIGTERM while a command runs) it leaves no keys in a shared Redis and no log file.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../sim/http/server.js';
import { REDIS_URL, spawnDemo, type DemoRun } from './demo-process.js';

let redis: Redis;
beforeAll(() => {
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
});
afterAll(() => redis.disconnect());

async function keysUnder(prefix: string): Promise<number> {
  let count = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    count += keys.length;
  } while (cursor !== '0');
  return count;
}

/** What the banner says: the run's key prefix and the log file. */
async function started(demo: DemoRun): Promise<{ prefix: string; log: string }> {
  const text = await demo.waitFor(/Type "help"/, { timeoutMs: 60_000 });
  const prefix = /keys under (demo-[0-9a-f]+):, deleted on exit/.exec(text)?.[1];
  const log = /Bot log: (\S+?)(?: \(|\.\n)/.exec(text)?.[1];
  expect(prefix).toBeDefined();
  expect(log).toBeDefined();
  return { prefix: prefix!, log: log! };
}

describe('the demo and its Redis (issue 16 item 13)', () => {
  it('fails within seconds, with the reason, when REDIS_URL does not answer', async () => {
    const port = await freePort();
    const demo = spawnDemo({ env: { REDIS_URL: `redis://:hunter2secret@127.0.0.1:${port}` } });
    expect(await demo.exited).toBe(1);
    expect(demo.output()).toContain(`demo: REDIS_URL does not answer: redis://:***@127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}.`);
    expect(demo.output()).not.toContain('hunter2secret');
  }, 30_000);

  it('deletes its keys from a shared Redis at the end of a script, and keeps the log only when asked (--log)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ci-chatops-demo-log-'));
    const logFile = join(dir, 'bot.log');
    try {
      const demo = spawnDemo({ args: ['--log', logFile] });
      const { prefix, log } = await started(demo);
      expect(log).toBe(logFile);
      demo.write('/ci scale mesosci-cs8 10\n');
      await demo.waitFor(/📋 Plan: scale ci-mesosci-cs8/);
      expect(await keysUnder(prefix)).toBeGreaterThan(0);
      demo.child.stdin!.end();
      expect(await demo.exited).toBe(0);
      expect(await keysUnder(prefix), demo.output().slice(-2000)).toBe(0);
      expect(readFileSync(logFile, 'utf8')).toContain('ci-chatops started');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);

  it('cleans up on SIGTERM while a command is still running: no keys, no log file', async () => {
    const demo = spawnDemo();
    const { prefix, log } = await started(demo);
    expect(existsSync(log)).toBe(true);
    demo.write('/ci scale mesosci-cs8 10\nwait 15m\n');
    // A long wait is capped, and says so (issue 16 item 14).
    await demo.waitFor(/alice> wait 15m\n\(wait is capped at 10 min: waiting 10 min, not 15 min\)/);
    expect(await keysUnder(prefix)).toBeGreaterThan(0);
    demo.child.kill('SIGTERM');
    expect(await demo.exited).toBe(143);
    const left = await redis.keys(`${prefix}:*`);
    expect(left, demo.output().slice(-2000)).toEqual([]);
    expect(existsSync(log)).toBe(false);
  }, 90_000);
});
