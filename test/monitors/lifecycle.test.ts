/**
 * The lifecycle for every kind at once, fed through `reportFacts` (the hook master health uses):
 * a storm of three per kind, an update, a silence, an inhibition, a bot restart, the resolution.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertFact } from '../../src/monitors/facts.js';
import { eventually } from '../support/eventually.js';
import { ALERTS, fastConfig, leading, startWorld, type World } from './world.js';

let world: World;
afterEach(() => world?.close());

const GIB = 1024 ** 3;
const config = { ...fastConfig, buildersDownAfterMs: 0, unschedulableAfterMs: 0, disk: { ...fastConfig.disk, thresholdBytes: 100 * GIB } };
const KINDS = ['node-down', 'node-unschedulable', 'builders-down', 'builder-restarts', 'disk-drift', 'master-health'];
const SUBJECTS = ['testnode1', 'testnode2', 'testnode3'];
const since = Date.UTC(2026, 7, 3, 10, 12, 3);

function fact(kind: string, subject: string, extra: Partial<AlertFact> = {}): AlertFact {
  return {
    key: `${kind}/${subject}`,
    kind,
    severity: kind === 'node-down' ? 'critical' : 'warning',
    subject,
    summary: `${kind} on ${subject}`,
    brief: `${subject} has ${kind}`,
    evidence: [],
    since,
    suggestedActions: ['show-node', 'silence'],
    labels: { node: subject, datacenter: 'cern-b', status: 'down' },
    ...extra,
  };
}

const report = (e: ReturnType<World['engine']>, subjects: string[], inhibit = false) => {
  for (const kind of KINDS) {
    const facts = subjects.map((s) => fact(kind, s, inhibit && s === 'testnode3' ? { inhibitedBy: ['cause/rack'] } : {}));
    e.reportFacts(kind, [kind], facts);
  }
};

const byKind = (kind: string) =>
  world.alerts().find((m) => JSON.stringify(m.blocks).includes(`${kind} on testnode`) || JSON.stringify(m.blocks).includes(`testnode1 has ${kind}`));

describe('the alert lifecycle, for every kind', () => {
  it('groups, updates, silences, inhibits, survives a restart and resolves, one message per kind', async () => {
    world = await startWorld();
    const first = await leading(world.engine(config));
    report(first, SUBJECTS);
    await eventually(() => world.alerts().length === KINDS.length, 10_000, 'one message per kind');
    const ts = new Map(KINDS.map((k) => [k, byKind(k)?.ts ?? '']));
    expect([...ts.values()].every((t) => t !== '')).toBe(true);
    expect(world.slack.store.message(ALERTS, ts.get('node-down') ?? '')?.text).toBe(
      '🔴 3 nodes down since 10:12 (testnode1–testnode3, all in cern-b) — likely an availability-zone problem',
    );
    expect(world.slack.store.message(ALERTS, ts.get('disk-drift') ?? '')?.text).toBe('🟠 3 nodes with disk accounting drift since 10:12');
    expect(world.slack.store.message(ALERTS, ts.get('master-health') ?? '')?.text).toBe('🟠 3 master-health alerts since 10:12');

    // Updated: one of each resolves; silenced: testnode2 by pattern; inhibited: testnode3 while its cause is reported.
    await first.silence({ target: 'testnode2', durationMs: 3_600_000, reason: 'known', by: 'U0CAROL' });
    first.reportFacts('cause', ['cause'], [fact('cause', 'rack')]);
    report(first, ['testnode2', 'testnode3'], true);
    const text = (k: string) => JSON.stringify(world.slack.store.message(ALERTS, ts.get(k) ?? '')?.blocks ?? '');
    await eventually(
      () => KINDS.every((k) => text(k).includes('🔕 testnode2') && text(k).includes('⏸️ testnode3') && text(k).includes('✅ ')),
      10_000,
      'updates for every kind',
    );
    expect(text('node-down')).toContain('✅ testnode1 back to ready at');
    expect(text('builders-down')).toContain('✅ testnode1: all builders running again at');
    expect(text('disk-drift')).toContain('✅ disk accounting on testnode1 back in line at');
    expect(text('node-down')).toContain('silenced by <@U0CAROL>');
    const listing = await first.listAlerts();
    expect(listing.alerts.filter((a) => a.state === 'silenced')).toHaveLength(KINDS.length);
    expect(listing.alerts.filter((a) => a.state === 'inhibited').map((a) => a.why)).toEqual(KINDS.map(() => 'cause/rack'));
    await first.settled();
    const posts = world.alerts().length;

    // A restart: the new leader finds its messages in Redis and posts nothing again.
    await first.stop();
    const second = await leading(world.engine(config));
    second.reportFacts('cause', ['cause'], [fact('cause', 'rack')]);
    report(second, ['testnode2', 'testnode3'], true);
    await second.evaluateNow();
    await second.settled();
    expect(world.alerts()).toHaveLength(posts);

    // Resolved: the same message for every kind.
    second.reportFacts('cause', ['cause'], []);
    report(second, []);
    await eventually(() => KINDS.every((k) => world.slack.store.message(ALERTS, ts.get(k) ?? '')?.text.startsWith('✅ Resolved: 3 ')), 10_000, 'all resolved');
    expect(world.slack.store.message(ALERTS, ts.get('node-down') ?? '')?.text).toMatch(
      /^✅ Resolved: 3 nodes back to ready by \d\d:\d\d:\d\d \(down since 10:12\)$/,
    );
    await second.settled();
    expect(world.alerts()).toHaveLength(posts);
  });

  it('a single alert fires once however often it is reported, reminds in its thread, goes to its routed channel, and a silence ends on its own', async () => {
    world = await startWorld();
    const routed = { ...config, alerts: { ...config.alerts, repeatIntervalMs: 400, channels: { 'master-health': 'C0CIOPS' } } };
    const engine = await leading(world.engine(routed));
    const health = fact('master-health', 'alimesos02', { summary: 'Nomad server alimesos02 lost its leader' });
    for (let i = 0; i < 5; i++) {
      engine.reportFacts('master-health', ['master-health'], [health]);
      await engine.evaluateNow();
    }
    const msg = await eventually(() => world.slack.store.topLevel('C0CIOPS')[0], 10_000, 'posted in #ci-ops');
    expect(msg.text).toBe('🟠 Nomad server alimesos02 lost its leader');
    const reminder = await eventually(() => world.slack.store.thread('C0CIOPS', msg.ts)[0], 10_000, 'reminder in the thread');
    expect(reminder.text).toMatch(/^⏰ Still firing after .+: Nomad server alimesos02 lost its leader$/);
    expect(world.slack.store.topLevel('C0CIOPS')).toHaveLength(1);
    expect(world.alerts()).toHaveLength(0);

    await engine.silence({ target: 'alimesos0*', durationMs: 400, reason: 'upgrading', by: 'U0DAVE' });
    await eventually(() => world.slack.store.message('C0CIOPS', msg.ts)?.text.startsWith('🔕 Silenced by <@U0DAVE>'), 10_000, 'silenced');
    await eventually(() => world.slack.store.message('C0CIOPS', msg.ts)?.text === '🟠 Nomad server alimesos02 lost its leader', 10_000, 'silence expired');
    expect(await engine.listSilences()).toEqual([]);
    expect(world.slack.store.topLevel('C0CIOPS')).toHaveLength(1);
  });
});
