import { webApi } from '@slack/bolt';
import { request } from 'undici';
import { quietLogger } from './quiet-logger.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlackSim, type SlackSim, waitForSlack } from '../../sim/slack/index.js';

const token = 'xoxb-sim-web-api-test-token';
let sim: SlackSim;
const { WebClient } = webApi;
let client: webApi.WebClient;

beforeAll(async () => {
  sim = await startSlackSim({ botToken: token });
  client = new WebClient(token, { slackApiUrl: sim.apiUrl, retryConfig: { retries: 0 }, logger: quietLogger });
});
afterAll(() => sim.close());

const platformError = async (p: Promise<unknown>): Promise<string> => {
  const err = (await p.then(
    () => undefined,
    (e: unknown) => e,
  )) as webApi.WebAPIPlatformError | undefined;
  return err?.data?.error ?? 'no error';
};

describe('Slack simulator Web API', () => {
  it('answers auth.test with the bot identity and refuses other tokens', async () => {
    const auth = await client.auth.test();
    expect(auth).toMatchObject({ ok: true, team_id: 'T0ALICE', user_id: 'U0CIBOT', bot_id: 'B0CIBOT' });
    expect(
      await platformError(new WebClient('xoxb-wrong-token', { slackApiUrl: sim.apiUrl, retryConfig: { retries: 0 }, logger: quietLogger }).auth.test()),
    ).toBe('invalid_auth');
    const res = await request(`${sim.apiUrl}auth.test`, { method: 'POST' });
    expect(await res.body.json()).toEqual({ ok: false, error: 'not_authed' });
    expect(res.statusCode).toBe(200);
  });

  it('posts by #name, keeps order, threads, and reports unknown channels and empty messages', async () => {
    const first = await client.chat.postMessage({ channel: '#ci-ops', text: 'first' });
    expect(first.channel).toBe('C0CIOPS');
    expect(first.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(first.message?.text).toBe('first');
    const reply = await client.chat.postMessage({ channel: 'C0CIOPS', text: 'reply', thread_ts: first.ts! });
    expect(Number(reply.ts)).toBeGreaterThan(Number(first.ts));
    expect(sim.store.thread('C0CIOPS', first.ts!).map((m) => m.text)).toEqual(['reply']);
    expect(await platformError(client.chat.postMessage({ channel: '#nope', text: 'x' }))).toBe('channel_not_found');
    expect(await platformError(client.chat.postMessage({ channel: 'C0CIOPS', text: '' }))).toBe('no_text');
  });

  it('accepts JSON bodies with a bearer token', async () => {
    const res = await request(`${sim.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ channel: 'C0RANDOM', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: '*hi*' } }] }),
    });
    const body = (await res.body.json()) as { ok: boolean; ts: string };
    expect(body.ok).toBe(true);
    const stored = sim.store.message('C0RANDOM', body.ts);
    expect(stored?.blocks?.[0]?.block_id).toEqual(expect.any(String));
  });

  it('updates in place, keeping every earlier version, and emits events', async () => {
    const posted = await client.chat.postMessage({
      channel: 'C0CIOPS',
      text: 'plan',
      blocks: [{ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Approve' }, action_id: 'approve' }] }],
    });
    const updated = waitForSlack(sim, 'update', (m) => m.ts === posted.ts);
    const res = await client.chat.update({ channel: 'C0CIOPS', ts: posted.ts!, text: 'applied', blocks: [] });
    expect(res).toMatchObject({ ok: true, channel: 'C0CIOPS', ts: posted.ts, text: 'applied' });
    expect((await updated).text).toBe('applied');
    const stored = sim.store.message('C0CIOPS', posted.ts!);
    expect(stored?.blocks).toBeUndefined();
    expect(stored?.versions.map((v) => v.text)).toEqual(['plan']);
    expect(stored?.versions[0]?.blocks?.[0]?.type).toBe('actions');
    expect(await platformError(client.chat.update({ channel: 'C0CIOPS', ts: '1.000001', text: 'x' }))).toBe('message_not_found');
    expect(await platformError(client.chat.update({ channel: 'C0CIOPS', ts: posted.ts!, text: 'x'.repeat(4001) }))).toBe('msg_too_long');
  });

  it('stores ephemeral messages for one user and returns message_ts', async () => {
    const res = await client.chat.postEphemeral({ channel: 'C0CIOPS', user: 'U0ALICE', text: 'only you' });
    expect(res.message_ts).toMatch(/^\d+\.\d{6}$/);
    expect(sim.store.ephemeralFor({ user: 'U0ALICE' }).at(-1)).toMatchObject({ channel: 'C0CIOPS', text: 'only you', via: 'api' });
    expect(await platformError(client.chat.postEphemeral({ channel: 'C0CIOPS', user: 'U0NOBODY', text: 'x' }))).toBe('user_not_in_channel');
  });

  it('deletes messages', async () => {
    const posted = await client.chat.postMessage({ channel: 'C0ALERTS', text: 'gone soon' });
    await client.chat.delete({ channel: 'C0ALERTS', ts: posted.ts! });
    expect(sim.store.message('C0ALERTS', posted.ts!)).toBeUndefined();
    expect(sim.store.deleted.at(-1)?.message.text).toBe('gone soon');
  });

  it('runs the client real three-step files.uploadV2 into a thread', async () => {
    await client.conversations.join({ channel: 'C0CIOPS' });
    const parent = await client.chat.postMessage({ channel: 'C0CIOPS', text: 'plan with a long diff' });
    const diff = '+/- Job: "ci-mesosci-cs8"\n'.repeat(500);
    const res = await client.files.uploadV2({
      channel_id: 'C0CIOPS',
      thread_ts: parent.ts!,
      filename: 'plan.diff',
      title: 'Full plan diff',
      content: diff,
      initial_comment: 'Full diff attached',
    });
    expect(res.ok).toBe(true);
    const file = [...sim.store.files.values()].find((f) => f.filename === 'plan.diff');
    expect(file).toMatchObject({ title: 'Full plan diff', content: diff, channel: 'C0CIOPS', thread_ts: parent.ts, completed: true });
    const share = sim.store.thread('C0CIOPS', parent.ts!).at(-1);
    expect(share?.text).toBe('Full diff attached');
    expect(share?.files?.[0]?.title).toBe('Full plan diff');
  });

  it('accepts a raw upload body and refuses completing an unknown file', async () => {
    const url = await client.files.getUploadURLExternal({ filename: 'console.log', length: 11 });
    expect(url.upload_url?.startsWith(`${sim.url}/upload/v1/`)).toBe(true);
    const up = await request(url.upload_url!, { method: 'POST', body: 'hello build' });
    expect(up.statusCode).toBe(200);
    await up.body.text();
    await client.files.completeUploadExternal({ files: [{ id: url.file_id!, title: 'Console log' }] });
    expect(sim.store.files.get(url.file_id!)).toMatchObject({ content: 'hello build', title: 'Console log', channel: undefined });
    expect(await platformError(client.files.completeUploadExternal({ files: [{ id: 'F0NOPE' }] }))).toBe('file_not_found');
  });

  it('answers directory lookups and publishes App Home views', async () => {
    expect((await client.users.info({ user: 'U0BOB' })).user?.name).toBe('bob');
    expect(await platformError(client.users.info({ user: 'U0ZED' }))).toBe('user_not_found');
    expect((await client.usergroups.users.list({ usergroup: 'S0CIADMINS' })).users).toEqual(['U0BOB', 'U0CAROL']);
    const groups = await client.usergroups.list({ include_users: true });
    expect(groups.usergroups?.[0]).toMatchObject({ id: 'S0CIADMINS', handle: 'ci-admins', users: ['U0BOB', 'U0CAROL'] });
    expect((await client.conversations.info({ channel: 'C0ALERTS' })).channel?.name).toBe('ci-alerts');
    const view = await client.views.publish({
      user_id: 'U0ALICE',
      view: { type: 'home', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'CI farm' } }] },
    });
    expect(view.view?.id).toEqual(expect.any(String));
    expect(sim.store.views.get('U0ALICE')?.view['type']).toBe('home');
  });

  it('injects platform and HTTP failures on request', async () => {
    sim.controls.failNext('chat.postMessage', 'is_archived');
    expect(await platformError(client.chat.postMessage({ channel: 'C0CIOPS', text: 'x' }))).toBe('is_archived');
    sim.controls.failHttpNext('chat.update', 503);
    const err = await client.chat.update({ channel: 'C0CIOPS', ts: '1.000001', text: 'x' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'slack_webapi_http_error', statusCode: 503 });
    expect(sim.stats.calls['chat.update']).toBeGreaterThan(0);
    expect(await platformError(client.apiCall('chat.nothing'))).toBe('unknown_method');
  });
});
