/**
 * Signed Slack requests built once and kept, so a test can send the very same bytes again
 * (a replay) or alter them after signing.
 */
import { request } from 'undici';
import { buttonsOf, wireMessage, type StoredMessage } from '../../sim/slack/index.js';
import { blockActionsForm, blockActionsPayload, slashCommandForm } from '../../sim/slack/payloads.js';
import { signedFormHeaders } from '../../sim/slack/sign.js';
import { CHANNEL, SIGNING_SECRET, type Stack } from '../support/stack.js';

/** A captured request: the exact bytes and headers Slack sent, ready to be sent again. */
export interface Captured {
  body: string;
  headers: Record<string, string>;
}

export function capture(body: string): Captured {
  return { body, headers: signedFormHeaders(SIGNING_SECRET, Math.floor(Date.now() / 1000), body) };
}

export async function send(stack: Stack, c: Captured): Promise<number> {
  const res = await request(`http://127.0.0.1:${stack.bot.port}/slack/events`, { method: 'POST', headers: c.headers, body: c.body });
  await res.body.text();
  return res.statusCode;
}

export function slashCommand(stack: Stack, user: string, line: string): Captured {
  const { slack } = stack;
  return capture(
    slashCommandForm({
      identity: slack.identity,
      user: { id: user, name: user.toLowerCase() },
      channel: { id: CHANNEL, name: 'ci-ops' },
      command: '/ci',
      text: line,
      responseUrl: slack.newResponseUrl(CHANNEL, user),
      triggerId: `${Date.now()}.42.captured`,
    }),
  );
}

export function click(stack: Stack, user: string, message: StoredMessage, label: string, value?: string): Captured {
  const button = buttonsOf(message).find((b) => b.text.startsWith(label))!;
  return capture(
    blockActionsForm(
      blockActionsPayload({
        identity: stack.slack.identity,
        user: { id: user, name: user.toLowerCase() },
        channel: { id: CHANNEL, name: 'ci-ops' },
        messageTs: message.ts,
        message: wireMessage(message),
        isEphemeral: false,
        button,
        value,
        responseUrl: stack.slack.newResponseUrl(CHANNEL, user, message.ts),
        triggerId: `${Date.now()}.43.captured`,
        actionTs: `${Math.floor(Date.now() / 1000)}.000100`,
      }),
    ),
  );
}
