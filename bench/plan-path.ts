/**
 * Bot overhead on the plan path: `/ci scale` → plan message posted, minus the time Nomad spent
 * (every Nomad call answers after 200 ms; the calls of one plan run one after another).
 */
import { namesFromStore, renderMessageText } from '../sim/slack/index.js';
import { CHANNEL, startStack } from '../test/support/stack.js';
import { median, round, type Figure } from './stats.js';

const NOMAD_LATENCY_MS = 200;

export async function planPath(quick: boolean): Promise<Figure[]> {
  const stack = await startStack({ nomad: { latencyMs: NOMAD_LATENCY_MS }, logLevel: 'warn' });
  const runs = quick ? 4 : 20;
  const totals: number[] = [];
  const overheads: number[] = [];
  const nomadTimes: number[] = [];
  const requests = () => [...stack.nomad.state.requests.values()].reduce((a, b) => a + b, 0);
  try {
    for (let i = 0; i < runs; i++) {
      const count = 9 + (i % 2); // alternate so every plan has a change
      const before = requests();
      const t0 = performance.now();
      // The plan is posted as a new message (or, when planning was slow, as an update of "Planning…").
      const planned = new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no plan message within 30 s')), 30_000);
        const check = (m: { ts: string }) => {
          const text = renderMessageText(m as never, namesFromStore(stack.slack.store));
          if (text.includes('📋 Plan:')) {
            clearTimeout(timer);
            stack.slack.events.off('update', check);
            stack.slack.events.off('message', check);
            resolve(m.ts);
          }
        };
        stack.slack.events.on('update', check);
        stack.slack.events.on('message', check);
      });
      await stack.driver.slashCommand({ userId: 'U0ALICE', channelId: CHANNEL, text: `scale mesosci-cs8 ${count}` });
      const ts = await planned;
      const total = performance.now() - t0;
      const nomadMs = (requests() - before) * NOMAD_LATENCY_MS;
      totals.push(total);
      nomadTimes.push(nomadMs);
      overheads.push(total - nomadMs);
      // Reject to free the job's lock for the next round.
      const m = stack.slack.store.message(CHANNEL, ts)!;
      const reject = (m.blocks as { type: string; elements?: { action_id: string; value: string }[] }[])
        .flatMap((b) => b.elements ?? [])
        .find((e) => e.action_id === 'op.reject')!;
      await stack.driver.clickButton({ userId: 'U0BOB', channelId: CHANNEL, messageTs: ts, actionId: 'op.reject', value: reject.value });
      await new Promise((r) => setTimeout(r, 150));
    }
  } finally {
    await stack.close();
  }
  const p50 = median(overheads);
  const ratio = median(totals) / median(nomadTimes);
  return [
    { name: 'plan path: bot overhead p50 (total − Nomad time)', value: round(p50), unit: 'ms', target: '≤ 100 ms', pass: p50 <= 100 },
    {
      name: 'plan path: total / Nomad time (p50)',
      value: round(ratio, 2),
      unit: '×',
      target: `≤ 1.2 × (Nomad ${round(median(nomadTimes))} ms at ${NOMAD_LATENCY_MS} ms per call)`,
      pass: ratio <= 1.2,
    },
    { name: 'plan path: command → plan posted p50', value: round(median(totals)), unit: 'ms', target: 'reported', pass: true },
  ];
}
