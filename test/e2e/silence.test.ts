/**
 * Silencing as a person does it (issue 16 points 9 and 10): the Silence buttons and `/ci silence`
 * say when the silence ends with its day whenever that is not today, and `/ci alerts` names who
 * silenced.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf } from '../../sim/slack/index.js';
import type { MonitorsConfigInput } from '../../src/monitors/index.js';
import { eventually } from '../support/eventually.js';
import { ALICE, BOB, VmWorld } from './vm-helpers.js';

const ALERTS = 'C0ALERTS';
const watch: MonitorsConfigInput = {
  reconcileIntervalMs: 400,
  disk: { checkIntervalMs: 200 },
  alerts: { defaultChannel: ALERTS, groupWaitMs: 100, minPostIntervalMs: 40, tickMs: 50 },
  lease: { ttlMs: 10_000 },
};

let w: VmWorld | undefined;
afterEach(async () => w?.close());

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "Sun 6 Dec" of a moment, as a person reads the day. */
const dayOf = (ms: number) => {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
};

async function privately(world: VmWorld, user: string, pred: (t: string) => boolean, what: string): Promise<string> {
  return eventually(() => world.ephemeralsFor(user).find(pred), 10_000, what);
}

describe('silences', () => {
  it('Silence 1d says the day it ends; the alert message too; /ci alerts names who silenced', async () => {
    w = await VmWorld.start({ watch });
    const s = w.s;
    const alert = await eventually(
      () => s.slack.store.topLevel(ALERTS).find((m) => m.text.includes('Disk accounting drift on alibuild10')),
      15_000,
      'the drift alert',
    );
    const button = buttonsOf(alert).find((b) => b.text === 'Silence 1d');
    expect(button).toBeDefined();
    const before = Date.now();
    expect((await s.driver.clickButton({ userId: BOB, channelId: ALERTS, messageTs: alert.ts, actionId: button!.actionId })).status).toBe(200);
    const answer = await privately(w, BOB, (t) => t.startsWith('🔕 Silenced until'), 'the answer to Silence 1d');
    // A day from now is never today: its day is said (either side of midnight while the test runs).
    const days = [dayOf(before + 86_400_000), dayOf(Date.now() + 86_400_000)];
    expect(answer).toMatch(/^🔕 Silenced until (Sun|Mon|Tue|Wed|Thu|Fri|Sat) \d{1,2} [A-Z][a-z]{2} \d\d:\d\d UTC \(si-[0-9a-f]+\)\.$/);
    expect(days.some((d) => answer.includes(d))).toBe(true);
    const silenced = await eventually(
      () => {
        const m = s.slack.store.message(ALERTS, alert.ts);
        return m?.text.startsWith('🔕 Silenced by') ? w!.text(m) : undefined;
      },
      10_000,
      'the alert message says it is silenced',
    );
    expect(days.some((d) => silenced.includes(`until ${d} `))).toBe(true);

    await w.type(ALICE, 'alerts');
    const listing = await privately(w, ALICE, (t) => t.includes('SILENCE'), '/ci alerts');
    expect(listing).toMatch(/si-[0-9a-f]+\s+disk-drift\/alibuild10\s+.*@bob\s+silenced from the alert message/);
    expect(listing).not.toContain('U0BOB');
  });

  it('/ci silence for an hour says only the time when it ends today', async () => {
    w = await VmWorld.start({ watch });
    await eventually(() => w!.s.slack.store.topLevel(ALERTS).length > 0, 15_000, 'an alert');
    const typedAt = Date.now();
    await w.type(ALICE, 'silence alibuild10 1h disk cleanup tonight');
    const answer = await privately(w, ALICE, (t) => t.startsWith('🔕 Silenced'), 'the answer');
    const end = new Date(typedAt + 3_600_000);
    if (end.getUTCDate() === new Date(typedAt).getUTCDate()) expect(answer).toMatch(/until \d\d:\d\d UTC \(si-/);
    else expect(answer).toContain(`until ${dayOf(end.getTime())} `);
  });

  it('/ci silence of a name that matches no alert silences nothing yet: it says so, offers the nearest alerts, and silences only when asked again', async () => {
    w = await VmWorld.start({ watch });
    const s = w.s;
    await eventually(() => s.slack.store.topLevel(ALERTS).find((m) => m.text.includes('alibuild10')), 15_000, 'the drift alert');
    await w.type(ALICE, 'silence alibuild1O 1h "disk cleanup"');
    const offer = await eventually(
      () => s.slack.store.ephemeralFor({ user: ALICE }).find((e) => w!.text(e).includes('matches no alert now')),
      10_000,
      'the answer',
    );
    expect(w.text(offer)).toContain('`alibuild1O` matches no alert now, so nothing was silenced. Closest alerts now: `alibuild10` (disk-drift).');
    expect(buttonsOf(offer).map((b) => b.text)).toEqual(['Silence alibuild10', 'Silence alibuild1O anyway']);
    await w.type(ALICE, 'alerts');
    expect(await privately(w, ALICE, (t) => t.includes('firing'), '/ci alerts')).toContain('0 silences');

    // The nearest alert, for the same hour and reason, with one click.
    const near = buttonsOf(offer).find((b) => b.text === 'Silence alibuild10')!;
    await s.driver.clickButton({ userId: ALICE, channelId: offer.channel, messageTs: offer.ts, actionId: near.actionId });
    const done = await privately(w, ALICE, (t) => t.startsWith('🔕 Silenced alerts matching `alibuild10`'), 'silenced');
    expect(done).toContain('(1 alert now)');
    await w.type(ALICE, 'alerts');
    const listing = await privately(w, ALICE, (t) => t.includes('1 silence'), '/ci alerts with the silence');
    expect(listing).toMatch(/alibuild10\s+.*@alice\s+disk cleanup/);

    // Anyway: a silence for an alert that may come.
    const anyway = buttonsOf(offer).find((b) => b.text === 'Silence alibuild1O anyway')!;
    await s.driver.clickButton({ userId: ALICE, channelId: offer.channel, messageTs: offer.ts, actionId: anyway.actionId });
    await privately(w, ALICE, (t) => t.startsWith('🔕 Silenced alerts matching `alibuild1O` (no alert now)'), 'silenced anyway');
  });
});
