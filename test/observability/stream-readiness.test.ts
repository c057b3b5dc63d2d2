/**
 * Issue 13 point 6: when Nomad refuses the cluster watch's event stream (from 2.0 a 200 that
 * closes before any line), /readyz says so, naming the ACL the token needs, and so does the log.
 */
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.js';
import { startStack, type Stack } from '../support/stack.js';

let s: Stack;

async function readyz() {
  const res = await request(`http://127.0.0.1:${s.bot.metricsPort}/readyz`);
  return { status: res.statusCode, body: JSON.parse(await res.body.text()) as { status: string; failing?: string[]; checks: Record<string, string> } };
}

describe('/readyz and a refused event stream', () => {
  beforeAll(async () => {
    // The bot's token is not one Nomad knows; Nomad 2.0 answers its stream 200 and hangs up.
    s = await startStack({
      nomad: { serverVersion: '2.0.6', acl: { tokens: { 'mgmt-token': 'management' } } },
      env: { NOMAD_TOKEN: 'forgotten-token' },
      watch: { alerts: { defaultChannel: 'C0ALERTS' }, lease: { ttlMs: 10_000 } },
    });
  });
  afterAll(async () => s?.close());

  it('is 503 naming nomad-events and the ACL the token needs; the log says the same', async () => {
    const r = await eventually(
      async () => {
        const answer = await readyz();
        return answer.status === 503 ? answer : undefined;
      },
      15_000,
      'readyz 503',
    );
    expect(r.body.failing).toEqual(['nomad-events']);
    expect(r.body.checks.nomad).toBe('ok');
    expect(r.body.checks['nomad-events']).toBe(
      'Nomad keeps closing the event stream before sending anything, not even a heartbeat: since Nomad 2.0 that is how it refuses a token; the bot\'s token needs node { policy = "read" } and read-job in namespace default',
    );
    expect(s.logs.join('')).toContain('nomad event stream refused');
    expect(s.logs.join('')).toContain('the bot\'s token needs node { policy = \\"read\\" } and read-job in namespace default');
  });
});
