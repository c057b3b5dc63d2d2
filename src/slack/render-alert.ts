/**
 * Block Kit for an alert group (pure): the first line says what happened, grey context below,
 * the cleanup command as code, buttons for the safe next step. Button values carry only an opaque
 * alert id (`al-…` for one alert, `ag-…` for a whole group), never a node ID or a command.
 */
import type { AlertGroup, AlertMember, AlertMessage } from '../monitors/alerts/types.js';
import type { SuggestedAction } from '../monitors/facts.js';
import { clock, clockMinutes, duration } from '../monitors/time-text.js';
// A message stays in the channel past midnight: the end of a silence always says its day.
import { dayAndTime } from '../operations/index.js';
import { actions, button, codeBlock, context, esc, MAX_BLOCKS, section, SECTION_MAX, type Block } from './blocks.js';

const EMOJI = { critical: '🔴', warning: '🟠', info: '🟡' } as const;
/** Member lines shown in a group message; more would bury the channel. */
const MAX_LINES = 60;
/** Members of a group with a line and a Details button of their own (each is one of Slack's 50 blocks). */
const MAX_MEMBER_SECTIONS = 30;
/** Details buttons: `alert.details.<n>`, the value is the member's `al-…` id. */
export const DETAILS_ACTION = 'alert.details';

const BUTTON_TEXT: Record<Exclude<SuggestedAction, 'silence'>, string> = {
  'show-node': 'Show node',
  'show-vm': 'Show VM',
  'show-masters': 'Show masters',
  drain: 'Drain…',
  'mark-ineligible': 'Mark ineligible',
  'clean-up': 'Clean up…',
  'reboot-vm': 'Reboot VM…',
  'show-logs': 'Show logs',
};

/** Long-lived conditions are silenced for a day, outages for an hour. */
const silenceLength = (kind: string) => (kind === 'disk-drift' || kind === 'node-unschedulable' ? '1d' : '1h');

export function renderAlertGroup(g: AlertGroup): AlertMessage {
  const single = g.members.length === 1 ? g.members[0] : undefined;
  return single ? renderSingle(g, single) : renderMany(g);
}

/** A thread reply for a group still firing after `repeatIntervalMs`. */
export function renderAlertReminder(g: AlertGroup, now: number): AlertMessage {
  const firing = g.members.filter((m) => m.state === 'firing');
  const since = Math.min(...firing.map((m) => m.fact.since));
  const what = firing.length === 1 ? (firing[0]?.fact.summary ?? '') : `${firing.length} alerts of this message`;
  const text = `⏰ Still firing after ${duration(now - since)}: ${what}`;
  return { text, blocks: [section(esc(text))] };
}

function renderSingle(g: AlertGroup, m: AlertMember): AlertMessage {
  const f = m.fact;
  const head = headline(m);
  const blocks: Block[] = [section(mrkdwn(head))];
  if (m.state === 'firing' || m.state === 'silenced' || m.state === 'inhibited' || m.state === 'maintenance') {
    const [first, ...rest] = f.evidence;
    if (f.kind === 'disk-drift' && first) blocks.push(section(esc(first)));
    if (f.command) blocks.push(codeBlock(f.command));
    const grey = f.kind === 'disk-drift' ? rest : f.evidence;
    if (grey.length > 0) blocks.push(context(mrkdwn(grey.join('\n'))));
  } else {
    blocks.push(context(esc(`Was: ${f.summary}`)));
  }
  blocks.push(context(`${m.id} · \`/ci silence ${m.id} <duration> [reason]\``));
  if (m.state === 'firing') blocks.push(...buttons(g, m.id, f.suggestedActions));
  return { text: head, blocks };
}

function headline(m: AlertMember): string {
  const f = m.fact;
  switch (m.state) {
    case 'resolved':
      return `✅ Resolved: ${resolvedText(m)}`;
    case 'silenced':
      return `🔕 Silenced by ${who(m.silence?.by ?? '')} until ${dayAndTime(m.silence?.until ?? 0)}${m.silence?.reason ? ` (${m.silence.reason})` : ''}: ${f.summary}`;
    case 'inhibited':
      return `⏸️ Held back while ${m.inhibitedBy?.split('/').slice(1).join('/') ?? 'its cause'} is down: ${f.summary}`;
    case 'maintenance':
      return `🔧 In maintenance (${maintenanceText(m)}): ${f.summary}`;
    default:
      return `${EMOJI[f.severity]} ${f.summary}`;
  }
}

function resolvedText(m: AlertMember): string {
  const f = m.fact;
  const at = m.resolvedAt ?? f.since;
  const lasted = duration(at - f.since);
  switch (f.kind) {
    case 'node-down':
      return `${f.subject} back to ready at ${clock(at)} (${f.labels.status ?? 'down'} ${lasted})`;
    case 'node-unschedulable':
      return `${f.subject} takes work again since ${clock(at)} (after ${lasted})`;
    case 'builders-down':
      return `${f.subject}: all builders running again at ${clock(at)} (after ${lasted})`;
    case 'builder-restarts':
      return `${f.subject} stopped restarting by ${clock(at)}`;
    case 'disk-drift':
      return `disk accounting on ${f.subject} back in line at ${clock(at)}${byOperation(m)}`;
    case 'remediation-failed':
      return `${f.subject} takes work again since ${clock(at)} (after ${lasted})`;
    default:
      return `${f.summary} (over at ${clock(at)}, after ${lasted})`;
  }
}

function renderMany(g: AlertGroup): AlertMessage {
  const firing = g.members.filter((m) => m.state === 'firing');
  const head = groupHeadline(g, firing);
  const blocks: Block[] = [section(mrkdwn(head))];
  if (g.kind === 'node-down' && firing.length > 1) blocks.push(context('Builder alerts for these nodes are held back while they are down.'));
  const order = { firing: 0, inhibited: 1, maintenance: 2, silenced: 3, pending: 4, resolved: 5 } as const;
  const sorted = [...g.members].sort((a, b) => order[a.state] - order[b.state] || a.fact.subject.localeCompare(b.fact.subject));
  // Each open member keeps its own next steps: its line has a Details button that opens the
  // member's own view (its command, its buttons); a huge storm gives that to the first ones.
  const open = sorted.filter((m) => m.state !== 'resolved');
  const own = open.slice(0, MAX_MEMBER_SECTIONS);
  for (const [i, m] of own.entries()) blocks.push(memberSection(m, i));
  const rest = sorted.filter((m) => !own.includes(m)).map(memberLine);
  const shown = rest.slice(0, MAX_LINES);
  if (rest.length > MAX_LINES) shown.push(`… and ${rest.length - MAX_LINES} more (\`/ci alerts\` lists them all)`);
  if (open.length > own.length)
    shown.push(`_Details of the ${open.length - own.length} not shown with a button: \`/ci alerts\`, then \`/ci node <name>\` or \`/ci logs <job>\`._`);
  blocks.push(...chunkLines(shown, MAX_BLOCKS - blocks.length - 3));
  blocks.push(context(`${g.id} · \`/ci silence ${g.id} <duration> [reason]\` silences all of them`));
  if (firing.length > 0) blocks.push(...buttons(g, g.id, ['silence']));
  return { text: head, blocks };
}

/**
 * One member of a group: its line (and its command, e.g. nomad-diskfree's cleanup, while it
 * fires) with a Details button for its own view. Action ids must differ within a message.
 */
function memberSection(m: AlertMember, i: number): Block {
  const command = m.state === 'firing' && m.fact.command ? `\n\`${esc(m.fact.command).replace(/`/g, "'")}\`` : '';
  return { ...section(`${mrkdwn(memberLine(m)).slice(0, 2000)}${command}`), accessory: button('Details', `${DETAILS_ACTION}.${i}`, m.id) };
}

/** A member's own view, as if it were alone in its message: what the Details button opens. */
export function renderAlertMember(g: Pick<AlertGroup, 'id' | 'kind' | 'channel' | 'createdAt'>, m: AlertMember): AlertMessage {
  return renderSingle({ ...g, members: [m], reminders: 0 }, m);
}

function groupHeadline(g: AlertGroup, firing: AlertMember[]): string {
  const n = firing.length;
  const quietOnes = g.members.filter((m) => m.state === 'silenced' || m.state === 'inhibited' || m.state === 'maintenance');
  if (n === 0 && quietOnes.length > 0) {
    const back = g.members.length - quietOnes.length;
    const names = nameRanges(quietOnes.map((m) => m.fact.subject));
    const all = (s: AlertMember['state']) => quietOnes.every((m) => m.state === s);
    const how = all('maintenance') ? 'in maintenance' : 'silenced or held back';
    return `${all('maintenance') ? '🔧' : '🔕'} ${quietOnes.length} ${plural(g.kind, quietOnes.length)}, ${how} (${names})${back > 0 ? ` · ${back} resolved` : ''}`;
  }
  if (n === 0) {
    const all = g.members;
    const since = Math.min(...all.map((m) => m.fact.since));
    const last = Math.max(...all.map((m) => m.resolvedAt ?? 0));
    if (g.kind === 'node-down') return `✅ Resolved: ${all.length} nodes back to ready by ${clock(last)} (down since ${clockMinutes(since)})`;
    return `✅ Resolved: ${all.length} ${plural(g.kind)} over by ${clock(last)} (since ${clockMinutes(since)})`;
  }
  const since = Math.min(...firing.map((m) => m.fact.since));
  const back = g.members.filter((m) => m.state === 'resolved').length;
  const backText = back > 0 ? ` · ${back} resolved` : '';
  const worst = firing.some((m) => m.fact.severity === 'critical') ? 'critical' : firing.some((m) => m.fact.severity === 'warning') ? 'warning' : 'info';
  if (g.kind === 'node-down') {
    const dcs = new Set(firing.map((m) => m.fact.labels.datacenter));
    const dc = dcs.size === 1 ? [...dcs][0] : undefined;
    const names = nameRanges(firing.map((m) => m.fact.subject));
    const zone = dc && n >= 3 ? ' — likely an availability-zone problem' : '';
    return `🔴 ${n} ${n === 1 ? 'node' : 'nodes'} down since ${clockMinutes(since)} (${names}${dc && n > 1 ? `, all in ${dc}` : ''})${zone}${backText}`;
  }
  return `${EMOJI[worst]} ${n} ${plural(g.kind, n)} since ${clockMinutes(since)}${backText}`;
}

function plural(kind: string, n = 2): string {
  const one = n === 1;
  switch (kind) {
    case 'node-down':
      return one ? 'node down' : 'nodes down';
    case 'disk-drift':
      return one ? 'node with disk accounting drift' : 'nodes with disk accounting drift';
    case 'builders-down':
      return one ? 'job with builders down' : 'jobs with builders down';
    case 'builder-restarts':
      return one ? 'builder restarting in a loop' : 'builders restarting in a loop';
    case 'node-unschedulable':
      return one ? 'node not taking work' : 'nodes not taking work';
    case 'remediation-failed':
      return one ? 'remediation that failed half-way' : 'remediations that failed half-way';
    default:
      return one ? `${kind} alert` : `${kind} alerts`;
  }
}

function memberLine(m: AlertMember): string {
  const brief = m.fact.brief ?? m.fact.summary;
  switch (m.state) {
    case 'resolved':
      return `✅ ${resolvedText(m)}`;
    case 'silenced':
      return `🔕 ${brief} (silenced by ${who(m.silence?.by ?? '')} until ${dayAndTime(m.silence?.until ?? 0)})`;
    case 'inhibited':
      return `⏸️ ${brief} (held back: ${m.inhibitedBy ?? ''})`;
    case 'maintenance':
      return `🔧 ${brief} (in maintenance: ${maintenanceText(m)})`;
    default:
      return `• ${brief}`;
  }
}

/** Sections of whole lines under Slack's 3,000 characters, at most `maxBlocks` of them. */
function chunkLines(lines: string[], maxBlocks: number): Block[] {
  const blocks: Block[] = [];
  let cur: string[] = [];
  let size = 0;
  let used = 0;
  const limit = SECTION_MAX - 100;
  for (const raw of lines) {
    const line = mrkdwn(raw).slice(0, 500);
    if (size + line.length + 1 > limit) {
      if (blocks.length + 1 >= maxBlocks) break;
      blocks.push(section(cur.join('\n')));
      cur = [];
      size = 0;
    }
    cur.push(line);
    size += line.length + 1;
    used += 1;
  }
  if (used < lines.length) cur.push(`… and ${lines.length - used} more`);
  if (cur.length > 0) blocks.push(section(cur.join('\n')));
  return blocks;
}

/** The alert's next steps as buttons; none when it suggests none (Slack rejects an empty actions block). */
function buttons(g: AlertGroup, id: string, suggested: readonly SuggestedAction[]): Block[] {
  const els = suggested.filter((a): a is Exclude<SuggestedAction, 'silence'> => a !== 'silence').map((a) => button(BUTTON_TEXT[a], `alert.${a}`, id));
  if (suggested.includes('silence')) {
    const len = silenceLength(g.kind);
    els.push(button(`Silence ${len}`, `alert.silence-${len}`, id));
  }
  return els.length ? [actions('alert-actions', ...els.slice(0, 5))] : [];
}

/** " — cleaned up by op-26q6l0r2 (requested by @alice)": the operation whose maintenance it resolved in. */
function byOperation(m: AlertMember): string {
  const w = m.resolvedIn;
  if (!w) return '';
  const done = w.what === 'cleanup' ? 'cleaned up' : `after the ${w.what}`;
  return ` — ${done} by ${w.opId} (requested by ${who(w.by)})`;
}

/** "hard reboot by @alice, op-26q6l0r2, back by 10:42:00" */
function maintenanceText(m: AlertMember): string {
  const w = m.maintenance;
  return w ? `${w.what} by ${who(w.by)}, ${w.opId}, back by ${clock(w.until)}` : 'an approved operation';
}

/** A Slack user id becomes a mention; anything else is shown as written. */
const who = (by: string) => (/^[UW][A-Z0-9]+$/.test(by) ? `<@${by}>` : by);

/** Escapes text for mrkdwn but keeps the user mentions `who` made. */
const mrkdwn = (plain: string) => esc(plain).replace(/&lt;@([UW][A-Z0-9]+)&gt;/g, '<@$1>');

/** `alibuild01–alibuild03, alibuild07`: consecutive numbered names collapse into ranges. */
export function nameRanges(names: string[]): string {
  const parsed = [...new Set(names)].map((n) => {
    const m = /^(.*?)(\d+)$/.exec(n);
    return m ? { n, prefix: m[1] ?? '', num: Number(m[2]), width: (m[2] ?? '').length } : { n, prefix: n, num: NaN, width: 0 };
  });
  parsed.sort((a, b) => a.prefix.localeCompare(b.prefix) || a.num - b.num || a.n.localeCompare(b.n));
  const out: string[] = [];
  for (let i = 0; i < parsed.length; ) {
    let j = i;
    const a = parsed[i]!;
    while (j + 1 < parsed.length && parsed[j + 1]!.prefix === a.prefix && parsed[j + 1]!.width === a.width && parsed[j + 1]!.num === parsed[j]!.num + 1) j += 1;
    out.push(
      j - i >= 2
        ? `${a.n}–${parsed[j]!.n}`
        : parsed
            .slice(i, j + 1)
            .map((p) => p.n)
            .join(', '),
    );
    i = j + 1;
  }
  const text = out.join(', ');
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}
