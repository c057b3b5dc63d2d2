/**
 * What every method handler of the simulator shares: the workspace, the event bus and who the bot is.
 */
import type { EventEmitter } from 'node:events';
import type { SlackStore } from './store.js';

/** The workspace and bot identity `auth.test` reports. */
export interface SlackIdentity {
  teamId: string;
  teamName: string;
  teamDomain: string;
  botUserId: string;
  botId: string;
  botName: string;
  appId: string;
}

export const defaultIdentity: SlackIdentity = {
  teamId: 'T0ALICE',
  teamName: 'ALICE CI',
  teamDomain: 'alice-ci',
  botUserId: 'U0CIBOT',
  botId: 'B0CIBOT',
  botName: 'ci-ops',
  appId: 'A0CIOPS',
};

export interface SimContext {
  url: string;
  store: SlackStore;
  events: EventEmitter;
  identity: SlackIdentity;
  /** Milliseconds since the epoch; overridable so tests can move time. */
  now: () => number;
  nextId: () => string;
}

/** Arguments of one Web API call, after decoding the body (form values stay strings). */
export type ApiArgs = Record<string, unknown>;
/** A successful Web API answer (the server adds `ok: true`). */
export type ApiResult = Record<string, unknown>;
export type ApiMethod = (ctx: SimContext, args: ApiArgs) => ApiResult | Promise<ApiResult>;
