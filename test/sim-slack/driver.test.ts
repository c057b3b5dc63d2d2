import { App, type SlackActionMiddlewareArgs, type SlackCommandMiddlewareArgs, type BlockButtonAction } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../sim/http/server.js';
import { SlackDriver, startSlackSim, waitForSlack, type SlackSim } from '../../sim/slack/index.js';
import { quietLogger } from './quiet-logger.js';

const token = 'xoxb-sim-driver-test-token';
const signingSecret = 'sim-driver-signing-secret';
let sim: SlackSim;
let app: App;
let driver: SlackDriver;
const commands: SlackCommandMiddlewareArgs['command'][] = [];
const clicks: BlockButtonAction[] = [];

beforeAll(async () => {
  sim = await startSlackSim({ botToken: token });
  const port = await freePort();
  app = new App({ token, signingSecret, clientOptions: { slackApiUrl: sim.apiUrl }, port, logger: quietLogger });
  app.command('/ci', async ({ command, ack, respond }) => {
    commands.push(command);
    await ack();
    await respond({ text: `Queued: ${command.text}` });
  });
  app.action(/.*/, async ({ body, ack, respond }: SlackActionMiddlewareArgs<BlockButtonAction>) => {
    clicks.push(body);
    await ack();
    await respond({ replace_original: true, text: `Approved by <@${body.user.id}>` });
  });
  await app.start(port);
  driver = new SlackDriver({ botUrl: `http://127.0.0.1:${port}/slack/events`, signingSecret, sim });
});
afterAll(async () => {
  await app.stop();
  await sim.close();
});

describe('SlackDriver against a real Bolt app', () => {
  it('delivers a signed slash command with Slack fields; Bolt acks 200 and respond() reaches the simulator', async () => {
    const replied = waitForSlack(sim, 'ephemeral', (e) => e.user === 'U0ALICE');
    const res = await driver.slashCommand({ userId: 'U0ALICE', channelId: 'C0CIOPS', text: 'scale mesosci-cs8 10', triggerId: '123.456.abc' });
    expect(res.status).toBe(200);
    expect(commands.at(-1)).toMatchObject({
      command: '/ci',
      text: 'scale mesosci-cs8 10',
      user_id: 'U0ALICE',
      user_name: 'alice',
      channel_id: 'C0CIOPS',
      channel_name: 'ci-ops',
      team_id: 'T0ALICE',
      api_app_id: 'A0CIOPS',
      is_enterprise_install: 'false',
      trigger_id: '123.456.abc',
    });
    expect(commands.at(-1)?.response_url.startsWith(`${sim.url}/response/`)).toBe(true);
    expect((await replied).text).toBe('Queued: scale mesosci-cs8 10');
    expect(sim.stats.calls['auth.test']).toBeGreaterThanOrEqual(1);
  });

  it('gets 401 for a bad signature and never reaches the handler', async () => {
    const before = commands.length;
    const res = await driver.slashCommand({ userId: 'U0BOB', channelId: 'C0CIOPS', text: 'list', signature: `v0=${'0'.repeat(64)}` });
    expect(res.status).toBe(401);
    expect(commands.length).toBe(before);
  });

  it('is refused when the timestamp is more than five minutes old', async () => {
    const before = commands.length;
    const res = await driver.slashCommand({ userId: 'U0BOB', channelId: 'C0CIOPS', text: 'list', timestampSec: Math.floor(Date.now() / 1000) - 301 });
    expect(res.status).toBe(401);
    expect(commands.length).toBe(before);
  });

  it('clicks a button: the payload carries the stored message, the button value, and a response_url bound to it', async () => {
    const posted = await app.client.chat.postMessage({
      channel: 'C0CIOPS',
      text: 'Plan: scale ci-mesosci-cs8 8 → 10',
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: '*Plan:* scale ci-mesosci-cs8 8 → 10' } },
        {
          type: 'actions',
          block_id: 'decide',
          elements: [
            { type: 'button', text: { type: 'plain_text', text: 'Approve' }, action_id: 'approve', value: 'op-7f3k2', style: 'primary' },
            { type: 'button', text: { type: 'plain_text', text: 'Reject' }, action_id: 'reject', value: 'op-7f3k2', style: 'danger' },
          ],
        },
      ],
    });
    const ts = posted.ts!;
    const updated = waitForSlack(sim, 'update', (m) => m.ts === ts);
    const res = await driver.clickButton({ userId: 'U0BOB', channelId: 'C0CIOPS', messageTs: ts, index: 1 });
    expect(res.status).toBe(200);
    const click = clicks.at(-1)!;
    expect(click).toMatchObject({
      type: 'block_actions',
      user: { id: 'U0BOB', username: 'bob', team_id: 'T0ALICE' },
      container: { type: 'message', message_ts: ts, channel_id: 'C0CIOPS', is_ephemeral: false },
      channel: { id: 'C0CIOPS', name: 'ci-ops' },
      actions: [{ type: 'button', action_id: 'approve', block_id: 'decide', value: 'op-7f3k2', text: { type: 'plain_text', text: 'Approve' } }],
    });
    expect(click.message?.['ts']).toBe(ts);
    expect(click.message?.['blocks']).toHaveLength(2);
    expect((await updated).text).toBe('Approved by <@U0BOB>');
  });

  it('picks buttons by action_id and overrides the value on request', async () => {
    const posted = await app.client.chat.postMessage({
      channel: 'C0ALERTS',
      text: 'Node down',
      blocks: [
        {
          type: 'section',
          text: { type: 'mrkdwn', text: 'Node down: alibuild07' },
          accessory: { type: 'button', text: { type: 'plain_text', text: 'Show node' } },
        },
        { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Silence 1h' }, action_id: 'silence', value: '1h' }] },
      ],
    });
    await driver.clickButton({ userId: 'U0CAROL', channelId: 'C0ALERTS', messageTs: posted.ts!, actionId: 'silence', value: 'forged' });
    expect(clicks.at(-1)?.actions[0]).toMatchObject({ action_id: 'silence', value: 'forged' });
    await driver.clickButton({ userId: 'U0CAROL', channelId: 'C0ALERTS', messageTs: posted.ts!, index: 1 });
    expect(clicks.at(-1)?.actions[0]?.action_id).toEqual(expect.any(String));
    expect(clicks.at(-1)?.actions[0]?.text.text).toBe('Show node');
    await expect(driver.clickButton({ userId: 'U0CAROL', channelId: 'C0ALERTS', messageTs: posted.ts!, index: 3 })).rejects.toThrow(/no button #3/);
  });

  it('clicks a button in an ephemeral message: no message in the payload, and replace_original replaces the ephemeral', async () => {
    const posted = await app.client.chat.postEphemeral({
      channel: 'C0CIOPS',
      user: 'U0DAVE',
      text: 'Reboot alibuild07?',
      blocks: [{ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Reboot' }, action_id: 'confirm_reboot' }] }],
    });
    const ts = posted.message_ts!;
    await expect(driver.clickButton({ userId: 'U0ALICE', channelId: 'C0CIOPS', messageTs: ts })).rejects.toThrow(/no message/);
    const replaced = waitForSlack(sim, 'ephemeral', (e) => e.ts === ts && e.versions.length === 1);
    expect((await driver.clickButton({ userId: 'U0DAVE', channelId: 'C0CIOPS', messageTs: ts })).status).toBe(200);
    expect(clicks.at(-1)).toMatchObject({ container: { is_ephemeral: true, message_ts: ts }, actions: [{ action_id: 'confirm_reboot' }] });
    expect(clicks.at(-1)?.message).toBeUndefined();
    expect((await replaced).text).toBe('Approved by <@U0DAVE>');
  });
});
