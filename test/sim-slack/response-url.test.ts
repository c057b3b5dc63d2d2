import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackSim, type SlackSim } from '../../sim/slack/index.js';

let sim: SlackSim;
let now = 1_764_000_000_000;

beforeAll(async () => {
  sim = await startSlackSim({ botToken: 'xoxb-sim-response-url-token', now: () => now });
});
afterAll(() => sim.close());

/** What Bolt's respond() does: POST JSON to the response_url. */
async function respond(url: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const res = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.statusCode, body: await res.body.json() };
}

async function botPost(text: string): Promise<string> {
  const res = await request(`${sim.apiUrl}chat.postMessage`, {
    method: 'POST',
    headers: { authorization: 'Bearer xoxb-sim-response-url-token', 'content-type': 'application/json' },
    body: JSON.stringify({
      channel: 'C0CIOPS',
      text,
      blocks: [{ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Approve' }, action_id: 'approve' }] }],
    }),
  });
  return ((await res.body.json()) as { ts: string }).ts;
}

describe('response_url', () => {
  it('is ephemeral for the user by default and can replace that ephemeral reply', async () => {
    const url = sim.newResponseUrl('C0CIOPS', 'U0ALICE');
    expect(url.startsWith(`${sim.url}/response/`)).toBe(true);
    expect(await respond(url, { text: 'Queued: scale ci-mesosci-cs8 to 10' })).toEqual({ status: 200, body: { ok: true } });
    const reply = sim.store.ephemeralFor({ user: 'U0ALICE' }).at(-1);
    expect(reply).toMatchObject({ channel: 'C0CIOPS', text: 'Queued: scale ci-mesosci-cs8 to 10', via: 'response_url' });
    await respond(url, { text: 'Planned', replace_original: true });
    expect(reply?.text).toBe('Planned');
    expect(reply?.versions.map((v) => v.text)).toEqual(['Queued: scale ci-mesosci-cs8 to 10']);
    expect(sim.store.messages('C0CIOPS').some((m) => m.text === 'Planned')).toBe(false);
  });

  it('posts in_channel replies to the channel, in a thread when asked', async () => {
    const parent = await botPost('parent');
    await respond(sim.newResponseUrl('C0CIOPS', 'U0BOB'), { text: 'for everyone', response_type: 'in_channel', thread_ts: parent });
    expect(sim.store.thread('C0CIOPS', parent).map((m) => m.text)).toEqual(['for everyone']);
  });

  it('replaces the clicked message as a whole, or deletes it', async () => {
    const ts = await botPost('plan');
    await respond(sim.newResponseUrl('C0CIOPS', 'U0BOB', ts), { text: 'Applied', replace_original: true });
    expect(sim.store.message('C0CIOPS', ts)).toMatchObject({ text: 'Applied', blocks: undefined });
    expect(sim.store.message('C0CIOPS', ts)?.versions[0]?.text).toBe('plan');
    await respond(sim.newResponseUrl('C0CIOPS', 'U0BOB', ts), { delete_original: true });
    expect(sim.store.message('C0CIOPS', ts)).toBeUndefined();
  });

  it('answers 404 after the fifth use', async () => {
    const url = sim.newResponseUrl('C0CIOPS', 'U0CAROL');
    for (let i = 1; i <= 5; i++) expect((await respond(url, { text: `reply ${i}` })).status).toBe(200);
    expect(await respond(url, { text: 'one too many' })).toEqual({ status: 404, body: { ok: false, error: 'used_url' } });
    expect(sim.store.ephemeralFor({ user: 'U0CAROL' }).map((e) => e.text)).not.toContain('one too many');
  });

  it('answers 404 once thirty minutes have passed', async () => {
    const url = sim.newResponseUrl('C0CIOPS', 'U0DAVE');
    now += 29 * 60_000;
    expect((await respond(url, { text: 'still in time' })).status).toBe(200);
    now += 2 * 60_000;
    expect(await respond(url, { text: 'too late' })).toEqual({ status: 404, body: { ok: false, error: 'expired_url' } });
  });

  it('refuses invalid blocks and unknown URLs', async () => {
    const bad = await respond(sim.newResponseUrl('C0CIOPS', 'U0ALICE'), { blocks: [{ type: 'nope' }] });
    expect(bad).toMatchObject({ status: 400, body: { ok: false, error: 'invalid_blocks' } });
    expect((await respond(`${sim.url}/response/T0ALICE/999/none`, { text: 'x' })).status).toBe(404);
  });
});
