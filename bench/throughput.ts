/**
 * Throughput: 200 queued read-only requests and 50 plan → approve → apply cycles on 50 different
 * jobs, all at once. Everything must complete, nothing twice.
 */
import { buttonsOf, namesFromStore, renderMessageText } from '../sim/slack/index.js';
import { repoJob } from '../sim/nomad/index.js';
import { eventually } from '../test/support/eventually.js';
import { CHANNEL, startStack } from '../test/support/stack.js';
import { round, type Figure } from './stats.js';

export async function throughput(quick: boolean): Promise<Figure[]> {
  const reads = quick ? 40 : 200;
  const cycles = quick ? 10 : 50;
  const stack = await startStack({
    logLevel: 'warn',
    followTimeoutMs: 20_000,
    nomad: { timing: { allocStartMs: 50, evalCompleteMs: 10 } },
    yaml: `
access:
  groups: { ci-admins: [U0BOB, U0CAROL], operators: [U0ALICE, U0BOB, U0CAROL] }
  classes:
    nomad-mutate: { request: ["@operators"], approve: ["@ci-admins"] }
`,
  });
  const users = ['U0ALICE', 'U0BOB', 'U0CAROL', 'U0DAVE'];
  const names = namesFromStore(stack.slack.store);
  try {
    for (let i = 0; i < cycles; i++) {
      const job = { ...repoJob(), ID: `bench-${i}`, Name: `bench-${i}` };
      stack.nomad.controls.registerJob(job);
    }
    await stack.nomad.controls.settled();
    const t0 = performance.now();
    await Promise.all([
      ...Array.from({ length: reads }, (_, i) => stack.driver.slashCommand({ userId: users[i % 4]!, channelId: CHANNEL, text: i % 2 ? 'status' : 'whoami' })),
      ...Array.from({ length: cycles }, (_, i) => stack.driver.slashCommand({ userId: 'U0ALICE', channelId: CHANNEL, text: `scale bench-${i} 2` })),
    ]);
    const plans = await eventually(
      () => {
        const ms = stack.messages().filter((m) => buttonsOf(m).length > 0);
        return ms.length >= cycles ? ms : undefined;
      },
      120_000,
      'all plans',
    );
    await Promise.all(plans.map((m) => stack.driver.clickButton({ userId: 'U0BOB', channelId: CHANNEL, messageTs: m.ts, index: 1 })));
    await eventually(
      () => stack.messages().filter((m) => renderMessageText(m, names).includes('✅ Applied')).length >= cycles || undefined,
      180_000,
      'all applied',
    );
    await eventually(
      () => stack.slack.store.ephemeralFor({}).filter((e) => !String(e.text ?? '').startsWith('Queued')).length >= reads || undefined,
      60_000,
      'all reads answered',
    );
    const elapsed = (performance.now() - t0) / 1000;
    await new Promise((r) => setTimeout(r, 500));
    const answers = stack.slack.store.ephemeralFor({}).filter((e) => !String(e.text ?? '').startsWith('Queued')).length;
    const scaleCalls = Array.from({ length: cycles }, (_, i) => stack.nomad.state.requestCount(`POST /v1/job/bench-${i}/scale`));
    // File uploads (long answers) also appear as channel messages: count only operation messages.
    const opMessages = stack.messages().filter((m) => /op-[a-z0-9]+/.test(renderMessageText(m, names))).length;
    const duplicated = scaleCalls.filter((n) => n > 1).length + Math.max(0, answers - reads) + Math.max(0, opMessages - cycles);
    const missing = scaleCalls.filter((n) => n === 0).length + Math.max(0, reads - answers);
    return [
      {
        name: `throughput: ${reads} reads + ${cycles} plan/approve/apply cycles`,
        value: round((reads + cycles) / elapsed, 1),
        unit: 'ops/s',
        target: 'all complete, none duplicated',
        pass: missing === 0 && duplicated === 0,
      },
      { name: 'throughput: operations lost', value: missing, unit: 'count', target: '0', pass: missing === 0 },
      { name: 'throughput: operations duplicated', value: duplicated, unit: 'count', target: '0', pass: duplicated === 0 },
    ];
  } finally {
    await stack.close();
  }
}
