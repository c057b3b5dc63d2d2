import { webApi } from '@slack/bolt';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { startSlackSim, type SlackSim } from '../../sim/slack/index.js';
import { quietLogger } from './quiet-logger.js';

const token = 'xoxb-sim-rate-limit-test-token';
const sims: SlackSim[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
});

async function start(opts: Parameters<typeof startSlackSim>[0]): Promise<SlackSim> {
  const sim = await startSlackSim(opts);
  sims.push(sim);
  return sim;
}

describe('chat.postMessage rate limit', () => {
  it('answers 429 with Retry-After once a channel bucket is empty, per channel', async () => {
    let now = 1_764_000_000_000;
    const sim = await start({ botToken: token, rateLimit: { postMessagePerChannelPerSec: 1, burst: 2 }, now: () => now });
    const client = new webApi.WebClient(token, { slackApiUrl: sim.apiUrl, rejectRateLimitedCalls: true, logger: quietLogger });
    await client.chat.postMessage({ channel: 'C0ALERTS', text: '1' });
    await client.chat.postMessage({ channel: 'C0ALERTS', text: '2' });
    const err = await client.chat.postMessage({ channel: 'C0ALERTS', text: '3' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 1 });
    await client.chat.postMessage({ channel: 'C0CIOPS', text: 'another channel has its own bucket' });
    expect(sim.stats.rateLimited).toBe(1);
    expect(sim.store.messages('C0ALERTS').map((m) => m.text)).toEqual(['1', '2']);
    now += 1_000;
    await client.chat.postMessage({ channel: 'C0ALERTS', text: 'refilled after a second' });
    expect(sim.store.messages('C0ALERTS')).toHaveLength(3);
  });

  it('sends the body and header Slack sends', async () => {
    const sim = await start({ botToken: token });
    sim.controls.rateLimitNext('chat.postMessage', 1, 7);
    const res = await request(`${sim.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'C0CIOPS', text: 'x' }),
    });
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBe('7');
    expect(await res.body.json()).toEqual({ ok: false, error: 'ratelimited' });
  });

  it('lets WebClient wait Retry-After seconds and retry', async () => {
    const sim = await start({ botToken: token });
    const client = new webApi.WebClient(token, { slackApiUrl: sim.apiUrl, retryConfig: { retries: 1 }, logger: quietLogger });
    sim.controls.rateLimitNext('chat.postMessage', 1, 1);
    const started = Date.now();
    const res = await client.chat.postMessage({ channel: 'C0CIOPS', text: 'eventually' });
    expect(res.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(sim.stats).toMatchObject({ rateLimited: 1, calls: { 'chat.postMessage': 2 } });
    expect(sim.store.messages('C0CIOPS').map((m) => m.text)).toEqual(['eventually']);
  });
});
