/** `alerts.list` and `alerts.silence`: the alert state in Slack, and silencing without leaving it. */
import { UserFacingError } from '../../src/errors.js';
import { AlertsList, AlertsSilence, timeOrDay } from '../../src/operations/index.js';
import type { ListedAlert, MaintenanceWindow, ReadJobModule } from '../../src/ports.js';
import type { ReadReply } from '../../src/operations/index.js';
import { personLabels } from './people.js';
import { table } from './table.js';

const clock = (ms: number) => `${new Date(ms).toISOString().slice(5, 16).replace('T', ' ')} UTC`;
const ICON: Record<ListedAlert['state'], string> = { firing: '🔴', silenced: '🔕', inhibited: '⏸️', maintenance: '🔧', pending: '⏳' };

export const alertsList: ReadJobModule<AlertsList> = {
  kind: 'alerts.list',
  schema: AlertsList,
  async run(_req, deps) {
    const { alerts, silences, maintenance = [] } = await deps.alerts.list();
    const now = deps.now();
    const count = (s: ListedAlert['state']) => alerts.filter((a) => a.state === s).length;
    const windows = maintenance.length
      ? ` · 🔧 ${maintenance.length} node${maintenance.length === 1 ? '' : 's'} in maintenance (${maintenance.map((w) => `${w.node}: ${w.what}`).join(', ')})`
      : '';
    const summary = alerts.length
      ? `🔴 ${count('firing')} firing · 🔕 ${count('silenced')} silenced · ⏸️ ${count('inhibited')} held back · 🔧 ${count('maintenance')} in maintenance · ⏳ ${count('pending')} pending · ${silences.length} silence${silences.length === 1 ? '' : 's'}${windows}`
      : `✅ Nothing is firing.${silences.length ? ` ${silences.length} silence${silences.length === 1 ? '' : 's'} active.` : ''}${windows}`;
    const order: ListedAlert['state'][] = ['firing', 'pending', 'inhibited', 'maintenance', 'silenced'];
    const rows = [...alerts]
      .sort((a, b) => order.indexOf(a.state) - order.indexOf(b.state) || a.fact.since - b.fact.since)
      .map((a) => [
        `${ICON[a.state]} ${a.id}`,
        a.fact.kind,
        a.fact.subject,
        clock(a.fact.since),
        a.state + (a.why ? ` (${a.why})` : ''),
        a.fact.brief ?? a.fact.summary,
      ]);
    const who = await personLabels(deps, [...maintenance.map((w) => w.requestedBy), ...silences.map((s) => s.createdBy)]);
    const parts: string[] = [];
    if (rows.length) parts.push(table(['ALERT', 'KIND', 'SUBJECT', 'SINCE', 'STATE', 'WHAT'], rows));
    if (maintenance.length) {
      parts.push(
        table(
          ['MAINTENANCE', 'NODE', 'WHAT', 'BY', 'SINCE', 'STATE'],
          maintenance.map((w) => [w.opId, w.node, w.what, who(w.requestedBy), clock(w.startedAt), windowState(w, now)]),
        ),
      );
    }
    if (silences.length) {
      parts.push(
        table(
          ['SILENCE', 'MATCHES', 'UNTIL', 'BY', 'REASON'],
          silences.map((s) => [s.id, s.pattern ?? (s.keys ?? []).join(', '), clock(s.endsAt), who(s.createdBy), s.reason]),
        ),
      );
    }
    return { summary, ...(parts.length ? { detail: parts.join('\n\n'), filename: 'alerts.txt' } : {}) };
  },
};

/** Where a maintenance window stands, in words. */
function windowState(w: MaintenanceWindow, now: number): string {
  if (w.overdueAt !== undefined) return `⚠️ not back in time: alerting since ${clock(w.overdueAt)}`;
  if (w.endedAt === undefined) return `${w.what} in progress, node expected back by ${clock(w.deadline)}${now > w.deadline ? ' (late)' : ''}`;
  if (w.expect === 'gone' && w.outcome === 'succeeded') return 'done: the node stays down until Nomad forgets it';
  return `done ${clock(w.endedAt)}, waiting for the node to be ready`;
}

export const alertsSilence: ReadJobModule<AlertsSilence> = {
  kind: 'alerts.silence',
  schema: AlertsSilence,
  async run(req, deps, asker) {
    try {
      // An alert id is checked by the silence itself; a name or pattern that hides nothing now is asked about first.
      const byId = /^a[lg]-/.test(req.target);
      const coverage = byId ? undefined : await deps.alerts.coverage(req.target);
      if (coverage?.matches === 0 && !req.anyway) return matchesNothing(req, coverage.nearest);
      const s = await deps.alerts.silence({ target: req.target, durationMs: req.durationMs, reason: req.reason || 'no reason given', by: asker.userId });
      const now = coverage ? ` (${coverage.matches === 0 ? 'no alert now' : `${coverage.matches} alert${coverage.matches === 1 ? '' : 's'} now`})` : '';
      const what = s.pattern ? `alerts matching \`${s.pattern}\`${now}` : `${(s.keys ?? []).length} alert${(s.keys ?? []).length === 1 ? '' : 's'}`;
      return { summary: `🔕 Silenced ${what} until ${timeOrDay(s.endsAt, deps.now())} (${s.id}). The alert messages say so; \`/ci alerts\` lists silences.` };
    } catch (err) {
      if (err instanceof UserFacingError) return { summary: err.message };
      throw err;
    }
  },
};

/**
 * A name or pattern that matches no alert now: nothing is silenced yet. The nearest current alerts
 * to silence instead, and a button to silence it anyway (for an alert that may come).
 */
function matchesNothing(req: AlertsSilence, nearest: ReadonlyArray<{ subject: string; kind: string }>): ReadReply {
  const rest = `${durationWord(req.durationMs)}${req.reason ? ` ${quoted(req.reason)}` : ''}`;
  const near = nearest.length ? ` Closest alerts now: ${nearest.map((n) => `\`${n.subject}\` (${n.kind})`).join(', ')}.` : ' Nothing is alerting now.';
  return {
    summary: `\`${req.target}\` matches no alert now, so nothing was silenced.${near} To silence alerts that may come, \`/ci silence ${req.target} ${rest} --anyway\`.`,
    choices: [
      ...nearest.map((n) => ({ label: `Silence ${n.subject}`, command: `silence ${n.subject} ${rest}` })),
      { label: `Silence ${req.target} anyway`, command: `silence ${req.target} ${rest} --anyway` },
    ],
  };
}

/** 86400000 → `1d`, 5400000 → `90m`: a duration the parser reads back exactly. */
function durationWord(ms: number): string {
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
  ] as const)
    if (ms % size === 0) return `${ms / size}${unit}`;
  return `${Math.round(ms / 1000)}s`;
}

/** A reason as one quoted word for the command line a button runs. */
const quoted = (reason: string) => (reason.includes('"') ? `'${reason.replace(/'/g, '')}'` : `"${reason}"`);
