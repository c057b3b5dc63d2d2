/**
 * Plays the humans: slash commands, button clicks and events, sent as Slack sends them — over HTTP
 * to the bot's `/slack/events`, signed, or in Socket Mode as envelopes on the bot's WebSocket —
 * with response_urls that point at the simulator.
 */
import { request } from 'undici';
import { buttonsOf, type MessageButton } from './buttons.js';
import { slashCommandText } from './escape.js';
import { wireMessage } from './messages.js';
import { blockActionsForm, blockActionsPayload, eventCallback, slashCommandForm, type Person } from './payloads.js';
import type { SlackSim } from './server.js';
import { signedFormHeaders } from './sign.js';
import type { EnvelopeType } from './socket-mode.js';

export { buttonsOf, type MessageButton } from './buttons.js';

/** HTTP mode: where the bot listens and the secret Slack signs with; Socket Mode: the simulator's link. */
export type SlackDriverOptions =
  | {
      /** e.g. http://127.0.0.1:3000/slack/events */
      botUrl: string;
      signingSecret: string;
      sim: SlackSim;
    }
  | { socketMode: true; sim: SlackSim };

/** Overrides for testing the bot's request verification. */
interface Signing {
  /** Unix seconds for `X-Slack-Request-Timestamp` (default now). */
  timestampSec?: number;
  /** Sent instead of the correct signature. */
  signature?: string;
}

export interface SlashCommandInput extends Signing {
  userId: string;
  channelId: string;
  text: string;
  command?: string;
  triggerId?: string;
}

export interface ClickButtonInput extends Signing {
  userId: string;
  channelId: string;
  messageTs: string;
  actionId?: string;
  /** The n-th button of the message, 1-based. */
  index?: number;
  /** Sent instead of the button's own value. */
  value?: string;
}

/**
 * HTTP: the bot's answer. Socket Mode: 200 with the acknowledgement's payload (if any), or what
 * the person would see instead: 504 `operation_timeout` (no ack within 3 s), 503 `dispatch_failed`
 * (no connection open).
 */
export interface BotReply {
  status: number;
  body: string;
}

export class SlackDriver {
  private triggers = 0;

  constructor(private readonly opts: SlackDriverOptions) {}

  /** Types `/ci <text>` (or another command) in a channel; the text arrives escaped as Slack sends it. */
  async slashCommand(input: SlashCommandInput): Promise<BotReply> {
    const { sim } = this.opts;
    const body = slashCommandForm({
      identity: sim.identity,
      user: this.person(input.userId),
      channel: this.channel(input.channelId),
      command: input.command ?? '/ci',
      text: slashCommandText(input.text, sim.store, sim.shouldEscape),
      responseUrl: sim.newResponseUrl(input.channelId, input.userId),
      triggerId: input.triggerId ?? this.nextTriggerId(),
    });
    return this.send(body, input, () => Object.fromEntries(new URLSearchParams(body)), 'slash_commands');
  }

  /** Presses a button on a message in the store (a channel message, or an ephemeral one the user sees). */
  async clickButton(input: ClickButtonInput): Promise<BotReply> {
    const { sim } = this.opts;
    const stored = sim.store.message(input.channelId, input.messageTs);
    const ephemeral = stored
      ? undefined
      : sim.store.ephemeral.find((e) => e.ts === input.messageTs && e.channel === input.channelId && e.user === input.userId);
    if (!stored && !ephemeral) throw new Error(`no message ${input.messageTs} in ${input.channelId} that ${input.userId} can see`);
    const button = pickButton(buttonsOf(stored ?? ephemeral ?? {}), input);
    const payload = blockActionsPayload({
      identity: sim.identity,
      user: this.person(input.userId),
      channel: this.channel(input.channelId),
      messageTs: input.messageTs,
      message: stored ? wireMessage(stored) : undefined,
      isEphemeral: !stored,
      button,
      value: input.value,
      responseUrl: sim.newResponseUrl(input.channelId, input.userId, input.messageTs, { ephemeral: !stored }),
      triggerId: this.nextTriggerId(),
      actionTs: actionTs(),
    });
    return this.send(blockActionsForm(payload), input, () => payload, 'interactive');
  }

  /** An Events API callback (e.g. `app_home_opened`) for the app. */
  async event(event: Record<string, unknown>, signing: Signing = {}): Promise<BotReply> {
    const body = eventCallback(this.opts.sim.identity, event);
    return this.send(JSON.stringify(body), signing, () => body, 'events_api', 'application/json');
  }

  private async send(
    body: string,
    signing: Signing,
    payload: () => Record<string, unknown>,
    type: EnvelopeType,
    contentType = 'application/x-www-form-urlencoded',
  ): Promise<BotReply> {
    const o = this.opts;
    if ('socketMode' in o) return envelopeReply(o.sim, type, payload());
    const ts = signing.timestampSec ?? Math.floor(Date.now() / 1000);
    const res = await request(o.botUrl, {
      method: 'POST',
      headers: { ...signedFormHeaders(o.signingSecret, ts, body, signing.signature), 'content-type': contentType },
      body,
    });
    return { status: res.statusCode, body: await res.body.text() };
  }

  private person(userId: string): Person {
    return { id: userId, name: this.opts.sim.store.user(userId)?.name ?? userId.toLowerCase() };
  }

  private channel(channelId: string): { id: string; name: string } {
    return { id: channelId, name: this.opts.sim.store.channel(channelId)?.name ?? channelId.toLowerCase() };
  }

  private nextTriggerId(): string {
    this.triggers += 1;
    return `${Date.now()}.${this.triggers}.${Math.random().toString(16).slice(2, 10)}`;
  }
}

async function envelopeReply(sim: SlackSim, type: EnvelopeType, payload: Record<string, unknown>): Promise<BotReply> {
  if (!sim.socketMode) throw new Error('the Slack simulator was started without an appToken: no Socket Mode');
  const d = await sim.socketMode.deliver(type, payload);
  if (!d.acked) return { status: d.error === 'operation_timeout' ? 504 : 503, body: d.error };
  return { status: 200, body: d.payload === undefined ? '' : JSON.stringify(d.payload) };
}

function pickButton(buttons: MessageButton[], input: ClickButtonInput): MessageButton {
  const found = input.actionId !== undefined ? buttons.find((b) => b.actionId === input.actionId) : buttons.find((b) => b.index === (input.index ?? 1));
  if (!found && input.actionId !== undefined && input.value !== undefined) {
    // A stale client (a phone that has not refreshed) still shows a button the message no longer has.
    return { index: 0, actionId: input.actionId, blockId: 'stale', text: input.actionId, value: input.value };
  }
  if (!found) {
    const which = input.actionId ?? `#${input.index ?? 1}`;
    const have = buttons.map((b) => `[${b.index}] ${b.text} (${b.actionId})`).join(', ') || 'none';
    throw new Error(`no button ${which} on message ${input.messageTs}; buttons: ${have}`);
  }
  return found;
}

function actionTs(): string {
  const micros = Math.floor(Date.now() * 1000);
  return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
}
