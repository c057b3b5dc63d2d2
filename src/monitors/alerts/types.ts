/**
 * The alert lifecycle's data: groups (one Slack message each) of member alerts, silences, and
 * the port through which messages reach a channel. All of it is JSON in Redis.
 */
import type { AlertFact } from '../facts.js';

/**
 * pending: seen, waiting for its hold time · firing: shown as a problem · silenced / inhibited /
 * maintenance: still true but deliberately not shouted about (a silence, a cause alerted on its
 * own, an approved operation on its node) · resolved: no longer reported.
 */
export type MemberState = 'pending' | 'firing' | 'silenced' | 'inhibited' | 'maintenance' | 'resolved';

/** The operation whose maintenance window holds an alert back. */
export interface MaintenanceRef {
  opId: string;
  /** "hard reboot", "drain"… */
  what: string;
  /** Slack user id of whoever requested it. */
  by: string;
  /** When the node should be back by. */
  until: number;
}

export interface AlertMember {
  /** Opaque id for buttons and `/ci silence` (`al-…`). */
  id: string;
  key: string;
  fact: AlertFact;
  state: MemberState;
  firstSeenAt: number;
  resolvedAt?: number;
  /** The silence that hides it, when silenced. */
  silence?: { id: string; by: string; until: number; reason: string };
  /** The alert that inhibits it, when inhibited. */
  inhibitedBy?: string;
  /** The operation it is held back for, when in maintenance. */
  maintenance?: MaintenanceRef;
  /** The operation whose maintenance it resolved in (a cleanup that fixed it): the resolved message names it. */
  resolvedIn?: MaintenanceRef;
}

/** One Slack message: alerts of one kind routed to one channel, batched by group_wait. */
export interface AlertGroup {
  /** Opaque id (`ag-…`). */
  id: string;
  kind: string;
  channel: string;
  createdAt: number;
  members: AlertMember[];
  /** Slack ts once posted, and the channel ID it was posted in. */
  ts?: string;
  channelId?: string;
  postedAt?: number;
  lastReminderAt?: number;
  reminders: number;
  /** Hash of the last message Slack accepted, so a restart does not re-send an unchanged one. */
  sentHash?: string;
  /** Set when every member is resolved: the final message is (being) sent and the group is done. */
  closedAt?: number;
}

export interface Silence {
  /** `si-…`. */
  id: string;
  /** Exact fingerprints, or a glob on the subject (`alibuild0*`) or the fingerprint. */
  keys?: string[];
  pattern?: string;
  createdBy: string;
  reason: string;
  createdAt: number;
  endsAt: number;
}

/** A rendered message: fallback text plus Block Kit. */
export interface AlertMessage {
  text: string;
  blocks: Array<Record<string, unknown>>;
}

/**
 * How alerts reach people: the monitors' notifier port (src/slack/alert-sink.ts over Slack). The
 * adapter renders a group's message (the monitors never see Block Kit, only an opaque message
 * whose changes they compare), posts it and edits it. `post` returns the message ts and the
 * channel ID Slack answered with (chat.update needs the ID even when the config names
 * `#ci-alerts`). A rate limit is reported by throwing `SinkRateLimitedError`: the poster waits and retries.
 */
export interface AlertSink {
  /** The group's one message as it should read now. */
  render(group: AlertGroup): AlertMessage;
  /** The reminder posted in the group's thread while something still fires. */
  renderReminder(group: AlertGroup, now: number): AlertMessage;
  post(channel: string, message: AlertMessage, opts?: { threadTs?: string }): Promise<{ ts: string; channel: string }>;
  update(channel: string, ts: string, message: AlertMessage): Promise<void>;
}

export class SinkRateLimitedError extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`rate limited: retry in ${retryAfterMs} ms`);
    this.name = 'SinkRateLimitedError';
  }
}

/** A remediation (a cleanup) that failed half-way and left its node out of service: it alerts until the node takes work again. */
export interface RemediationFailed {
  node: string;
  opId: string;
  /** "cleanup" */
  what: string;
  /** The step that failed, in words. */
  step: string;
  /** What failed and what to do. */
  failure: string;
  requestedBy: string;
  at: number;
}
