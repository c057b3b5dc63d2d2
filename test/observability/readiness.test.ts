/**
 * /readyz names the dependency that is down: the bot on a private redis-server that the test
 * kills, then starts again so the bot can shut down cleanly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { startPrivateRedis, type PrivateRedis } from '../faults/private-redis.js';
import { eventually } from '../support/eventually.js';
import { startStack, type Stack } from '../support/stack.js';

let s: Stack;
let redis: PrivateRedis;

async function readyz() {
  const res = await request(`http://127.0.0.1:${s.bot.metricsPort}/readyz`);
  return { status: res.statusCode, body: JSON.parse(await res.body.text()) as { status: string; failing?: string[]; checks: Record<string, string> } };
}

describe('/readyz', () => {
  beforeAll(async () => {
    redis = await startPrivateRedis();
    s = await startStack({ botEnv: { REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    await s?.close();
    await redis?.close();
  });

  it('is 503 naming redis while Redis is down, 503 naming nomad while Nomad is down, and ready again after', async () => {
    expect((await readyz()).status).toBe(200);
    // Each bot has its own registry: nothing was typed to this one, so no command series exists.
    const metrics = await (await request(`http://127.0.0.1:${s.bot.metricsPort}/metrics`)).body.text();
    expect(metrics).not.toMatch(/^chatops_commands_total\{/m);

    await redis.kill9();
    const down = await eventually(
      async () => {
        const r = await readyz();
        return r.status === 503 ? r : undefined;
      },
      5_000,
      'readyz 503',
    );
    expect(down.body.failing).toEqual(['redis']);
    expect(down.body.checks.redis).toMatch(/^connection is (connecting|reconnecting|close|end)$/);
    expect(down.body.checks.nomad).toBe('ok');

    await redis.restart();
    await eventually(async () => (await readyz()).status === 200, 10_000, 'ready again');

    const [a, b] = s.nomad.state.servers;
    s.nomad.controls.serverDown(a!);
    s.nomad.controls.serverDown(b!);
    const noLeader = await readyz();
    expect(noLeader.status).toBe(503);
    expect(noLeader.body.failing).toEqual(['nomad']);
    expect(noLeader.body.checks.nomad).toContain('No cluster leader');
    s.nomad.controls.serverUp(a!);
    expect((await readyz()).status).toBe(200);
  });
});
