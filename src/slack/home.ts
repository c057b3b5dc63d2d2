/**
 * The App Home tab: what is queued or running now, the alerts firing, and the latest finished
 * operations. Published with `views.publish` each time someone opens the tab; laid out as short
 * lines (no tables) so it reads on a phone.
 */
import type { App } from '@slack/bolt';
import type { Logger } from 'pino';
import { describeError } from '../errors.js';
import type { AuditEntry, AuditFilter, OperationRecord, OperationState } from '../operations/index.js';
import type { Redactor } from '../redact.js';
import { context, esc, section, type Block } from './blocks.js';

/** A firing alert as the home tab lists it (an alert fact fits). */
export interface HomeAlert {
  summary: string;
  /** The shorter line, when the alert has one. */
  brief?: string | undefined;
  severity?: string;
  /** Epoch ms when it started firing. */
  since?: number;
}

export interface HomeDeps {
  store: { active(): Promise<string[]>; get(opId: string): Promise<OperationRecord | undefined> };
  audit: { recent(filter: AuditFilter): Promise<AuditEntry[]> };
  /** The alerts firing now (from the watch's state in Redis). */
  alerts: () => Promise<HomeAlert[]>;
  log: Logger;
  now: () => number;
  redactor: Redactor;
}

const SHOWN = 10;
const FINAL_EVENTS = new Set<AuditEntry['event']>(['result', 'expire', 'reject', 'stale']);

const LABEL: Record<OperationState, string> = {
  queued: '⏳ Queued',
  waiting: '⏳ Waiting',
  planning: '⏳ Planning',
  'awaiting-approval': '📋 Awaiting approval',
  approved: '⚙️ Approved',
  applying: '⚙️ Applying',
  applied: '✅ Applied',
  failed: '❌ Failed',
  rejected: '🚫 Rejected',
  expired: '⌛ Expired',
  superseded: '⚠️ Superseded',
  'no-change': 'ℹ️ No change',
};

export function registerAppHome(app: App, d: HomeDeps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    try {
      const view = await buildHomeView(d);
      await client.views.publish({ user_id: event.user, view: d.redactor.redactDeep(view) as never });
    } catch (err) {
      d.log.warn({ err: describeError(err), user: event.user }, 'could not publish the App Home');
    }
  });
}

export async function buildHomeView(d: HomeDeps): Promise<{ type: 'home'; blocks: Block[] }> {
  const [active, recent, alerts] = await Promise.all([activeRecords(d), recentRecords(d), d.alerts().catch(() => [] as HomeAlert[])]);
  const blocks: Block[] = [
    { type: 'header', text: { type: 'plain_text', text: 'CI farm operations', emoji: true } },
    section(
      `*In progress (${active.length})*\n${
        active.length
          ? active
              .slice(0, SHOWN)
              .map((r) => opLines(r, d.now()))
              .join('\n')
          : '_Nothing queued or running._'
      }`,
    ),
    { type: 'divider' },
    section(`*Alerts firing (${alerts.length})*\n${alerts.length ? alerts.slice(0, SHOWN).map(alertLine).join('\n') : '_None firing._'}`),
    { type: 'divider' },
    section(`*Recently finished*\n${recent.length ? recent.map((r) => opLines(r, d.now())).join('\n') : '_Nothing finished yet._'}`),
    context(`Updated ${clock(d.now())} · open this tab again to refresh · \`/ci help\` lists the commands`),
  ];
  return { type: 'home', blocks };
}

async function activeRecords(d: HomeDeps): Promise<OperationRecord[]> {
  const ids = (await d.store.active()).slice(-50);
  const records = await Promise.all(ids.map((id) => d.store.get(id).catch(() => undefined)));
  return records.filter((r): r is OperationRecord => r !== undefined);
}

async function recentRecords(d: HomeDeps): Promise<OperationRecord[]> {
  const entries = await d.audit.recent({ limit: 100 });
  const ids = [...new Set(entries.filter((e) => FINAL_EVENTS.has(e.event) && e.opId).map((e) => e.opId!))].slice(0, SHOWN);
  const records = await Promise.all(ids.map((id) => d.store.get(id).catch(() => undefined)));
  return records.filter((r): r is OperationRecord => r !== undefined);
}

/** Two short lines: what and its state, then who and when. */
function opLines(r: OperationRecord, now: number): string {
  const title = r.plan && r.plan.status !== 'failed' ? r.plan.title : (r.envelope.title ?? r.envelope.operation.kind);
  const when = r.finishedAt ? clock(r.finishedAt) : ago(now - Date.parse(r.envelope.requestedAt));
  return `${LABEL[r.state]} · ${esc(title)}\n      ${r.envelope.opId} · ${r.envelope.requestedBy.userId.startsWith('policy:') ? r.envelope.requestedBy.userId : `<@${r.envelope.requestedBy.userId}>`} · ${when}`;
}

function alertLine(a: HomeAlert): string {
  const icon = a.severity === 'critical' ? '🔴' : a.severity === 'warning' ? '🟠' : '🔔';
  return `${icon} ${esc(a.brief ?? a.summary)}${a.since ? ` · since ${clock(a.since)}` : ''}`;
}

const clock = (ms: number) => `${new Date(ms).toISOString().slice(11, 16)} UTC`;

function ago(ms: number): string {
  if (!Number.isFinite(ms) || ms < 60_000) return 'just now';
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min ago`;
  return `${Math.floor(ms / 3_600_000)} h ago`;
}
