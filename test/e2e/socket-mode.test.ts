/**
 * The bot in Socket Mode, its production default (issue 15.6): it dials out with the app-level
 * token, takes commands, clicks and events as envelopes and acknowledges each within Slack's
 * 3 seconds, and comes back on a new connection when Slack recycles the old one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonsOf } from '../../sim/slack/index.js';
import { eventually } from '../support/eventually.js';
import { CHANNEL, startStack, type Stack } from '../support/stack.js';
import { ask, text } from './ask.js';

let s: Stack;
beforeAll(async () => {
  s = await startStack({ slackMode: 'socket' });
});
afterAll(async () => s?.close());

const link = () => s.slack.socketMode!;

describe('Socket Mode', () => {
  it('connects with the app-level token and answers a command delivered on the WebSocket', async () => {
    expect(link().connections).toBe(1);
    expect(s.slack.stats.calls['apps.connections.open']).toBe(1);
    await ask(s, 'U0DAVE', 'whoami', 'You may');
    expect(link().stats.envelopes).toBeGreaterThan(0);
    expect(link().stats.acks).toBe(link().stats.envelopes);
    expect(link().stats.ackTimeouts).toBe(0);
  });

  it('takes a click as an interactive envelope and an App Home visit as an events_api envelope', async () => {
    await s.driver.slashCommand({ userId: 'U0ALICE', channelId: CHANNEL, text: 'scale mesosci-cs8 9' });
    const plan = await eventually(() => s.messages().find((m) => text(s, m).includes('Plan: scale ci-mesosci-cs8')), 10_000, 'plan');
    const reply = await s.driver.clickButton({
      userId: 'U0BOB',
      channelId: CHANNEL,
      messageTs: plan.ts,
      actionId: buttonsOf(plan).find((b) => b.text === 'Approve')!.actionId,
    });
    expect(reply.status).toBe(200);
    await eventually(() => s.messages().find((m) => text(s, m).includes('Applied: ci-mesosci-cs8 scaled 8 → 9')), 10_000, 'applied');
    expect((await s.driver.event({ type: 'app_home_opened', user: 'U0BOB', channel: 'D0BOB', tab: 'home' })).status).toBe(200);
    await eventually(() => s.slack.store.views.get('U0BOB'), 5_000, 'home view published');
  });

  it('reconnects when Slack asks it to, and keeps answering', async () => {
    link().disconnect('refresh_requested');
    // @slack/socket-mode waits its client ping timeout (5 s) before dialling again.
    await eventually(() => link().stats.connectionsOpened === 2 && link().connections === 1, 15_000, 'a new connection');
    expect(s.slack.stats.calls['apps.connections.open']).toBe(2);
    await ask(s, 'U0DAVE', 'whoami', 'You may');
  }, 30_000);
});
