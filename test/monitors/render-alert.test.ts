import { describe, expect, it } from 'vitest';
import { validateBlocks } from '../../sim/slack/index.js';
import type { AlertGroup, AlertMember } from '../../src/monitors/alerts/types.js';
import type { AlertFact } from '../../src/monitors/facts.js';
import { dayAndTime, timeOrDay } from '../../src/operations/index.js';
import { nameRanges, renderAlertGroup, renderAlertReminder } from '../../src/slack/render-alert.js';

const at = (hms: string) => Date.parse(`2026-08-03T${hms}Z`);

function nodeDown(name: string, dc = 'cern-a', since = at('10:12:03')): AlertFact {
  return {
    key: `node-down/${name}`,
    kind: 'node-down',
    severity: 'critical',
    subject: name,
    summary: `Node down: ${name} (datacenter ${dc}) since 10:12:03 · 3 builders of ci-mesosci-cs8 lost`,
    brief: `${name} (${dc}) down since 10:12:03`,
    evidence: ['Nomad status: down'],
    since,
    suggestedActions: ['show-node', 'reboot-vm', 'silence'],
    labels: { node: name, datacenter: dc, status: 'down' },
  };
}

const member = (fact: AlertFact, extra: Partial<AlertMember> = {}): AlertMember => ({
  id: `al-${fact.subject}`,
  key: fact.key,
  fact,
  state: 'firing',
  firstSeenAt: fact.since,
  ...extra,
});
const group = (kind: string, members: AlertMember[]): AlertGroup => ({ id: 'ag-0123456789', kind, channel: 'C0ALERTS', createdAt: 0, members, reminders: 0 });
const buttonsOf = (blocks: Array<Record<string, unknown>>) =>
  blocks
    .filter((b) => b.type === 'actions')
    .flatMap((b) => (b.elements as Array<{ action_id: string; value: string; text: { text: string } }>).map((e) => [e.text.text, e.action_id, e.value]));

describe('renderAlertGroup', () => {
  it('one node down, in ux.md’s words, with buttons that carry only the alert id', () => {
    const m = renderAlertGroup(group('node-down', [member(nodeDown('alibuild07'))]));
    expect(m.text).toBe('🔴 Node down: alibuild07 (datacenter cern-a) since 10:12:03 · 3 builders of ci-mesosci-cs8 lost');
    expect(buttonsOf(m.blocks)).toEqual([
      ['Show node', 'alert.show-node', 'al-alibuild07'],
      ['Reboot VM…', 'alert.reboot-vm', 'al-alibuild07'],
      ['Silence 1h', 'alert.silence-1h', 'al-alibuild07'],
    ]);
    expect(() => validateBlocks(m.blocks)).not.toThrow();
  });

  it('resolved: the same alert says when it came back and how long it was down, without buttons', () => {
    const m = renderAlertGroup(group('node-down', [member(nodeDown('alibuild07'), { state: 'resolved', resolvedAt: at('10:19:40') })]));
    expect(m.text).toBe('✅ Resolved: alibuild07 back to ready at 10:19:40 (down 7 min 37 s)');
    expect(buttonsOf(m.blocks)).toEqual([]);
  });

  it('a storm in one datacenter, with resolved and silenced members listed below', () => {
    const members = Array.from({ length: 12 }, (_, i) => member(nodeDown(`alibuild${String(i + 1).padStart(2, '0')}`, 'cern-b')));
    members.push(member(nodeDown('alibuild14', 'cern-b'), { state: 'resolved', resolvedAt: at('10:15:00') }));
    members.push(
      member(nodeDown('alibuild15', 'cern-b'), { state: 'silenced', silence: { id: 'si-1', by: 'U0BOB', until: at('11:15:00'), reason: 'rack work' } }),
    );
    const m = renderAlertGroup(group('node-down', members));
    expect(m.text).toBe('🔴 12 nodes down since 10:12 (alibuild01–alibuild12, all in cern-b) — likely an availability-zone problem · 1 resolved');
    const text = JSON.stringify(m.blocks);
    expect(text).toContain('Builder alerts for these nodes are held back while they are down.');
    expect(text).toContain('✅ alibuild14 back to ready at 10:15:00 (down 2 min 57 s)');
    expect(text).toContain('🔕 alibuild15 (cern-b) down since 10:12:03 (silenced by <@U0BOB> until Mon 3 Aug 11:15 UTC)');
    expect(buttonsOf(m.blocks)).toEqual([['Silence 1h', 'alert.silence-1h', 'ag-0123456789']]);
  });

  it('nodes in several datacenters are not called an availability-zone problem', () => {
    const m = renderAlertGroup(
      group('node-down', [member(nodeDown('alibuild01', 'cern-a')), member(nodeDown('alibuild05', 'cern-b')), member(nodeDown('alibuild09', 'cern-c'))]),
    );
    expect(m.text).toBe('🔴 3 nodes down since 10:12 (alibuild01, alibuild05, alibuild09)');
  });

  it('500 members stay within 50 blocks and 3,000 characters per section, saying how many are left out', () => {
    const members = Array.from({ length: 500 }, (_, i) => member(nodeDown(`alibuild${String(i + 1).padStart(3, '0')}`, 'cern-b')));
    const m = renderAlertGroup(group('node-down', members));
    expect(m.blocks.length).toBeLessThanOrEqual(50);
    for (const b of m.blocks) expect(JSON.stringify(b).length).toBeLessThan(3300);
    expect(JSON.stringify(m.blocks)).toMatch(/… and \d+ more/);
    expect(() => validateBlocks(m.blocks)).not.toThrow();
  });

  it('disk-accounting drift: the first line, needs cleanup now, the command as code, Mark ineligible and Silence 1d', () => {
    const fact: AlertFact = {
      key: 'disk-drift/alibuild03',
      kind: 'disk-drift',
      severity: 'warning',
      subject: 'alibuild03',
      summary: 'Disk accounting drift on alibuild03: Nomad thinks 112.4G free of 1.0T; CI builders need 240.0G.',
      evidence: ['No allocation is running there: needs cleanup now.', 'Nomad thinks we have 112.4G available space of 1.0T on alibuild03.cern.ch (6f3c9a1e)'],
      since: at('09:00:00'),
      suggestedActions: ['mark-ineligible', 'silence'],
      labels: { node: 'alibuild03' },
      command: "ssh -C alibuild03.cern.ch 'rm -rfv /build/nomad/alloc/*/ci/local/*/sw && systemctl restart nomad'",
    };
    const m = renderAlertGroup(group('disk-drift', [member(fact)]));
    expect(m.text).toBe('🟠 Disk accounting drift on alibuild03: Nomad thinks 112.4G free of 1.0T; CI builders need 240.0G.');
    const sections = m.blocks.filter((b) => b.type === 'section').map((b) => (b.text as { text: string }).text);
    expect(sections[1]).toBe('No allocation is running there: needs cleanup now.');
    expect(sections[2]).toBe("```ssh -C alibuild03.cern.ch 'rm -rfv /build/nomad/alloc/*/ci/local/*/sw &amp;&amp; systemctl restart nomad'```");
    expect(buttonsOf(m.blocks)).toEqual([
      ['Mark ineligible', 'alert.mark-ineligible', 'al-alibuild03'],
      ['Silence 1d', 'alert.silence-1d', 'al-alibuild03'],
    ]);
  });

  it('a reminder says how long it has been firing', () => {
    const m = renderAlertReminder(group('node-down', [member(nodeDown('alibuild07'))]), at('14:12:03'));
    expect(m.text).toBe('⏰ Still firing after 4 h: Node down: alibuild07 (datacenter cern-a) since 10:12:03 · 3 builders of ci-mesosci-cs8 lost');
  });
});

describe('nameRanges', () => {
  it.each([
    [['alibuild01', 'alibuild02', 'alibuild03'], 'alibuild01–alibuild03'],
    [['alibuild03', 'alibuild01', 'alibuild02', 'alibuild07'], 'alibuild01–alibuild03, alibuild07'],
    [['alibuild01', 'alibuild02'], 'alibuild01, alibuild02'],
    [['alimac01', 'alibuild09', 'alibuild10', 'alibuild11'], 'alibuild09–alibuild11, alimac01'],
  ])('%j → %s', (names, text) => {
    expect(nameRanges(names)).toBe(text);
  });
});

describe('when a silence ends', () => {
  it('today: the time; another day: its day too; another year: the year too', () => {
    const now = Date.parse('2026-12-05T23:50:00Z');
    expect(timeOrDay(Date.parse('2026-12-05T23:59:00Z'), now)).toBe('23:59 UTC');
    expect(timeOrDay(Date.parse('2026-12-06T00:10:00Z'), now)).toBe('Sun 6 Dec 00:10 UTC');
    expect(timeOrDay(Date.parse('2027-01-02T15:34:00Z'), now)).toBe('Sat 2 Jan 2027 15:34 UTC');
    expect(dayAndTime(Date.parse('2026-08-03T11:15:00Z'))).toBe('Mon 3 Aug 11:15 UTC');
  });
});
