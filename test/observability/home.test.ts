/**
 * The App Home tab: Slack sends `app_home_opened` (a signed Events API post), the bot publishes a
 * view listing queued/running operations, firing alerts and recently finished ones.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { buttonsOf, namesFromStore, renderMessageText, type StoredMessage } from '../../sim/slack/index.js';
import { slackSignature } from '../../sim/slack/sign.js';
import { eventually } from '../support/eventually.js';
import { CHANNEL, SIGNING_SECRET, startStack, type Stack } from '../support/stack.js';

let s: Stack;
const text = (m: StoredMessage) => renderMessageText(m, namesFromStore(s.slack.store));

/** Posts an Events API callback exactly as Slack signs it. */
async function homeOpened(user: string, tab = 'home'): Promise<number> {
  const body = JSON.stringify({
    token: 'unused',
    team_id: s.slack.identity.teamId,
    api_app_id: s.slack.identity.appId,
    type: 'event_callback',
    event_id: `Ev${Math.random().toString(36).slice(2, 10).toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    event: { type: 'app_home_opened', user, channel: 'D0ALICE', tab, event_ts: `${Date.now() / 1000}` },
  });
  const ts = Math.floor(Date.now() / 1000);
  const res = await request(`http://127.0.0.1:${s.bot.port}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': slackSignature(SIGNING_SECRET, ts, body) },
    body,
  });
  await res.body.text();
  return res.statusCode;
}

/** The published view as plain text, one string. */
function homeText(user: string): string | undefined {
  const v = s.slack.store.views.get(user);
  return v ? JSON.stringify(v.view.blocks) : undefined;
}

describe('App Home', () => {
  beforeAll(async () => {
    s = await startStack();
    // One operation finished (withdrawn by its requester), one waiting for approval.
    await s.driver.slashCommand({ userId: 'U0ALICE', channelId: CHANNEL, text: 'scale mesosci-slc9-o2physics 3' });
    const first = await eventually(() => s.messages().find((m) => text(m).includes('Plan: scale ci-mesosci-slc9-o2physics')), 10_000, 'first plan');
    await s.driver.clickButton({
      userId: 'U0ALICE',
      channelId: CHANNEL,
      messageTs: first.ts,
      actionId: buttonsOf(first).find((b) => b.text === 'Reject')!.actionId,
    });
    await eventually(() => s.messages().some((m) => text(m).startsWith('🚫 Rejected')), 10_000, 'rejected');
    await s.driver.slashCommand({ userId: 'U0ALICE', channelId: CHANNEL, text: 'scale mesosci-cs8 10' });
    await eventually(() => s.messages().some((m) => text(m).includes('Plan: scale ci-mesosci-cs8')), 10_000, 'second plan');
  });
  afterAll(async () => s?.close());

  it('publishes queued and recent operations and says no alert is firing', async () => {
    expect(await homeOpened('U0BOB')).toBe(200);
    const home = await eventually(() => homeText('U0BOB'), 5_000, 'home view');
    expect(s.slack.store.views.get('U0BOB')?.view.type).toBe('home');
    expect(home).toContain('*In progress (1)*');
    expect(home).toMatch(/📋 Awaiting approval · scale ci-mesosci-cs8 {2}8 → 10\\n {6}op-[a-z0-9]+ · <@U0ALICE> · just now/);
    expect(home).toContain('*Alerts firing (0)*');
    expect(home).toContain('_None firing._');
    expect(home).toMatch(/\*Recently finished\*\\n🚫 Rejected · scale ci-mesosci-slc9-o2physics/);
  });

  it('publishes nothing for the Messages tab', async () => {
    expect(await homeOpened('U0DAVE', 'messages')).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(s.slack.store.views.has('U0DAVE')).toBe(false);
  });
});

describe('App Home with the cluster watch', () => {
  afterAll(async () => s?.close());

  it('lists the alerts firing, each by its short line and since when', async () => {
    s = await startStack({
      watch: {
        reconcileIntervalMs: 400,
        heartbeatTimeoutMs: 1_500,
        alerts: { defaultChannel: 'C0ALERTS', groupWaitMs: 100, minPostIntervalMs: 40, tickMs: 50 },
      },
    });
    // The simulated farm starts with disk drift on alibuild10; a node goes down.
    await eventually(() => s.slack.store.topLevel('C0ALERTS').find((m) => m.text.includes('alibuild10')), 15_000, 'the drift alert');
    s.nomad.controls.nodeDown('alibuild05');
    await eventually(() => s.slack.store.topLevel('C0ALERTS').find((m) => m.text.includes('alibuild05')), 15_000, 'the node-down alert');
    expect(await homeOpened('U0CAROL')).toBe(200);
    const home = await eventually(() => homeText('U0CAROL'), 5_000, 'home view');
    expect(home).toContain('*Alerts firing (2)*');
    expect(home).toMatch(/🔴 alibuild05 \(\S+\) down since \d\d:\d\d:\d\d · .* · since \d\d:\d\d UTC/);
    expect(home).toMatch(/🟠 alibuild10: Nomad thinks \S+ free of \S+/);
  });
});
