/**
 * The bodies Slack sends an app: a slash command (form fields) and a block_actions click
 * (`payload=<JSON>`), with the field names of reference B1. Values are synthetic.
 */
import type { SlackIdentity } from './context.js';
import type { MessageButton } from './buttons.js';

export interface Person {
  id: string;
  name: string;
}

export interface SlashCommandFields {
  identity: SlackIdentity;
  user: Person;
  channel: { id: string; name: string };
  command: string;
  text: string;
  responseUrl: string;
  triggerId: string;
}

export function slashCommandForm(f: SlashCommandFields): string {
  return new URLSearchParams({
    token: 'sim-verification-token',
    team_id: f.identity.teamId,
    team_domain: f.identity.teamDomain,
    channel_id: f.channel.id,
    channel_name: f.channel.name,
    user_id: f.user.id,
    user_name: f.user.name,
    command: f.command,
    text: f.text,
    api_app_id: f.identity.appId,
    is_enterprise_install: 'false',
    response_url: f.responseUrl,
    trigger_id: f.triggerId,
  }).toString();
}

export interface BlockActionsFields {
  identity: SlackIdentity;
  user: Person;
  channel: { id: string; name: string };
  messageTs: string;
  /** The message as stored (absent for ephemeral messages, as in Slack). */
  message?: Record<string, unknown> | undefined;
  isEphemeral: boolean;
  button: MessageButton;
  value?: string | undefined;
  responseUrl: string;
  triggerId: string;
  actionTs: string;
}

export function blockActionsPayload(f: BlockActionsFields): Record<string, unknown> {
  const value = f.value ?? f.button.value;
  return {
    type: 'block_actions',
    user: { id: f.user.id, username: f.user.name, name: f.user.name, team_id: f.identity.teamId },
    api_app_id: f.identity.appId,
    token: 'sim-verification-token',
    container: { type: 'message', message_ts: f.messageTs, channel_id: f.channel.id, is_ephemeral: f.isEphemeral },
    trigger_id: f.triggerId,
    team: { id: f.identity.teamId, domain: f.identity.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: f.channel.id, name: f.channel.name },
    ...(f.message ? { message: f.message } : {}),
    state: { values: {} },
    response_url: f.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: f.button.actionId,
        block_id: f.button.blockId,
        text: { type: 'plain_text', text: f.button.text, emoji: true },
        ...(value !== undefined ? { value } : {}),
        ...(f.button.style ? { style: f.button.style } : {}),
        action_ts: f.actionTs,
      },
    ],
  };
}

export function blockActionsForm(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** An Events API `event_callback` body (the same over HTTP and inside a Socket Mode envelope). */
export function eventCallback(identity: SlackIdentity, event: Record<string, unknown>): Record<string, unknown> {
  const now = Date.now();
  return {
    token: 'sim-verification-token',
    team_id: identity.teamId,
    api_app_id: identity.appId,
    event: { event_ts: (now / 1000).toFixed(6), ...event },
    type: 'event_callback',
    event_id: `Ev${now.toString(36).toUpperCase()}${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
    event_time: Math.floor(now / 1000),
    authorizations: [{ team_id: identity.teamId, user_id: identity.botUserId, is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}
