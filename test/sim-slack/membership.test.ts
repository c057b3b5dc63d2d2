/**
 * Channel membership in the Slack simulator (issue 13.5): a bot with chat:write.public posts in a
 * public channel it has not joined, but shares files only where it is a member; it joins public
 * channels, never private ones, and does not see private channels it is not in.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { webApi } from '@slack/bolt';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultChannels, startSlackSim, type SlackSim } from '../../sim/slack/index.js';
import { quietLogger } from './quiet-logger.js';

const token = 'xoxb-sim-membership-test';
let sim: SlackSim;
let client: webApi.WebClient;

beforeAll(async () => {
  sim = await startSlackSim({
    botToken: token,
    channels: [
      ...defaultChannels,
      { id: 'G0SECRET', name: 'ci-secret', isPrivate: true },
      { id: 'G0INVITED', name: 'ci-invited', isPrivate: true, botIsMember: true },
    ],
  });
  client = new webApi.WebClient(token, { slackApiUrl: sim.apiUrl, retryConfig: { retries: 0 }, logger: quietLogger });
});
afterAll(() => sim.close());

const errorOf = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'ok',
    (e: unknown) => (e as webApi.WebAPIPlatformError).data?.error ?? String(e),
  );

const upload = (channel: string) =>
  client.files.uploadV2({ channel_id: channel, filename: 'plan.txt', content: 'x\n'.repeat(50), initial_comment: 'Full plan' });

describe('channel membership', () => {
  it('posts in a public channel it has not joined, but cannot share a file there', async () => {
    expect((await client.chat.postMessage({ channel: 'C0RANDOM', text: 'hello' })).ok).toBe(true);
    expect(await errorOf(upload('C0RANDOM'))).toBe('not_in_channel');
    const file = [...sim.store.files.values()].at(-1);
    expect(file?.completed).toBe(false);
    expect(sim.store.messages('C0RANDOM').filter((m) => m.files)).toHaveLength(0);
  });

  it('joins a public channel, then shares files there; joining again is ok with a warning', async () => {
    const joined = await client.conversations.join({ channel: 'C0RANDOM' });
    expect(joined.channel).toMatchObject({ id: 'C0RANDOM', is_member: true, is_private: false });
    expect(joined.warning).toBeUndefined();
    expect(await errorOf(upload('C0RANDOM'))).toBe('ok');
    expect(sim.store.messages('C0RANDOM').filter((m) => m.files)).toHaveLength(1);
    expect((await client.conversations.join({ channel: 'C0RANDOM' })).warning).toBe('already_in_channel');
    expect((await client.conversations.info({ channel: 'C0RANDOM' })).channel?.is_member).toBe(true);
  });

  it('does not see a private channel it is not in, and cannot join a private channel', async () => {
    expect(await errorOf(client.chat.postMessage({ channel: 'G0SECRET', text: 'hello' }))).toBe('channel_not_found');
    expect(await errorOf(client.conversations.join({ channel: 'G0SECRET' }))).toBe('channel_not_found');
    expect(await errorOf(upload('G0SECRET'))).toBe('channel_not_found');
    expect(await errorOf(client.conversations.join({ channel: 'G0INVITED' }))).toBe('method_not_supported_for_channel_type');
    expect(await errorOf(upload('G0INVITED'))).toBe('ok');
  });

  it('is what slack-manifest.yaml asks for: posting without membership, and joining public channels', () => {
    const manifest = parse(readFileSync(resolve(import.meta.dirname, '../../slack-manifest.yaml'), 'utf8')) as { oauth_config: { scopes: { bot: string[] } } };
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(['chat:write', 'chat:write.public', 'channels:join', 'files:write']));
  });

  it('still answers a command typed in a private channel through its response_url', async () => {
    const url = sim.newResponseUrl('G0SECRET', 'U0ALICE');
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'private answer' }) });
    expect(res.status).toBe(200);
    expect(sim.store.ephemeralFor({ user: 'U0ALICE', channel: 'G0SECRET' }).at(-1)?.text).toBe('private answer');
  });
});
