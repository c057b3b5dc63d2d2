/**
 * What the bot emitted during the test run, collected for the secrets scan of test/global-setup.ts:
 * every stack writes its Slack simulator store and its log lines here when it closes, and every
 * test that plants a secret names it here. Outside `npm test` (no directory set) nothing is written.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SlackStore } from '../../sim/slack/index.js';

/** Set by test/global-setup.ts for the workers; one directory per run. */
export const EMITTED_DIR_ENV = 'CHATOPS_EMITTED_DIR';

/** One thing the bot sent somewhere: a message version, an ephemeral, a file, a log line. */
export interface EmittedItem {
  kind: string;
  text: string;
}

/** The file the known secrets are appended to, one JSON string per line. */
export const SECRETS_FILE = 'known-secrets.jsonl';

const dir = () => process.env[EMITTED_DIR_ENV];

/** Adds values the scan must never find in anything the bot emitted. */
export function recordKnownSecret(...values: string[]): void {
  const d = dir();
  if (!d) return;
  appendFileSync(join(d, SECRETS_FILE), values.map((v) => `${JSON.stringify(v)}\n`).join(''));
}

/** Writes one batch of emitted items (`source` names the test or stack they came from). */
export function dumpEmitted(source: string, items: EmittedItem[]): void {
  const d = dir();
  if (!d) return;
  writeFileSync(join(d, `emitted-${randomUUID()}.json`), JSON.stringify({ source, items }));
}

/** Everything a Slack simulator holds: messages with every earlier version, ephemerals, files, views. */
export function slackItems(store: SlackStore): EmittedItem[] {
  const items: EmittedItem[] = [];
  const add = (kind: string, value: unknown) => items.push({ kind, text: JSON.stringify(value) });
  for (const messages of store.messagesByChannel.values()) {
    for (const m of messages) {
      add('message', { ...m, versions: undefined });
      for (const v of m.versions) add('message version', v);
    }
  }
  for (const d of store.deleted) add('deleted message', d);
  for (const e of store.ephemeral) {
    add('ephemeral', { ...e, versions: undefined });
    for (const v of e.versions) add('ephemeral version', v);
  }
  for (const f of store.files.values()) add('file', f);
  for (const v of store.views.values()) add('view', v);
  return items;
}

/** Log lines as items. */
export const logItems = (lines: readonly string[]): EmittedItem[] => lines.map((text) => ({ kind: 'log line', text }));
