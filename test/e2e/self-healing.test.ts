/**
 * Opt-in self-healing end to end (issue 17.6), against the simulated farm with SSH on its hosts:
 * a disk drift on an idle node is cleaned up by the policy itself — requested and approved by
 * `policy:<name>`, announced in the alert's thread with its outcome, in the audit trail — and the
 * alert resolves naming the operation. During a node-down storm it leaves the node alone and says
 * why in the thread; once the storm passes, it goes ahead.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonitorsConfigInput } from '../../src/monitors/index.js';
import type { StoredMessage } from '../../sim/slack/index.js';
import { eventually } from '../support/eventually.js';
import { REDIS_URL, startStack, type Stack } from '../support/stack.js';
import { ask, text } from './ask.js';

const ALERTS = 'C0ALERTS';
const GIB = 1024 ** 3;
const POLICY = 'policy:disk-drift-cleanup';

const YAML = `
access:
  groups:
    ci-admins: [U0BOB, U0CAROL]
    operators: [U0ALICE, U0BOB, U0CAROL]
  classes:
    node:
      request: ["@operators"]
      approve: ["@ci-admins"]
remediation:
  ssh:
    connectTimeout: 3s
    commandTimeout: 3s
  cleanup:
    idleTimeout: 5s
    readyTimeout: 20s
  auto:
    enabled: true
    maxConcurrent: 1
    maxPerHour: 4
    stormNodes: 3
    checkEvery: 1s
`;

const watch: MonitorsConfigInput = {
  reconcileIntervalMs: 400,
  heartbeatTimeoutMs: 1_500,
  disk: { checkIntervalMs: 200 },
  alerts: { defaultChannel: ALERTS, groupWaitMs: 100, minPostIntervalMs: 40, tickMs: 50 },
  lease: { ttlMs: 10_000 },
};

let s: Stack;
beforeAll(async () => {
  s = await startStack({
    yaml: YAML,
    watch,
    ssh: { hosts: ['alibuild10', 'alibuild04'] },
    nomad: { timing: { allocStartMs: 30, evalCompleteMs: 10, migrateMs: 40, clientRestartMs: 150 } },
  });
});
afterAll(async () => s?.close());

const driftAlert = (name: string) =>
  eventually(() => s.slack.store.topLevel(ALERTS).find((m) => text(s, m).includes(`Disk accounting drift on ${name}`)), 20_000, `the drift alert on ${name}`);
const threadSays = (alert: StoredMessage, fragment: string, timeoutMs = 30_000) =>
  eventually(
    () =>
      s.slack.store
        .thread(ALERTS, alert.ts)
        .map((m) => text(s, m))
        .find((t) => t.includes(fragment)),
    timeoutMs,
    fragment,
  );

async function auditLines(): Promise<Array<{ event: string; opId?: string; userId?: string; target?: string; details: Record<string, string> }>> {
  const redis = new Redis(REDIS_URL);
  try {
    return (await redis.xrange(`${s.prefix}:audit`, '-', '+')).map(([, f]) => JSON.parse(f[1]!));
  } finally {
    redis.disconnect();
  }
}

describe('self-healing (remediation.auto)', () => {
  it('cleans up the first drift of an idle node by itself, says so in the alert thread, and the alert resolves naming the operation', async () => {
    // The ALICE farm starts with alibuild10 drifted and idle (nomad-diskfree's case needing intervention).
    const alert = await driftAlert('alibuild10');
    const started = await threadSays(alert, `🤖 Self-healing: \`${POLICY}\` is cleaning up alibuild10 by itself`);
    const opId = /op-auto-[a-z0-9]+/.exec(started)![0];
    expect(started).toContain('at most 1 node at once, 4 an hour');
    const outcome = await threadSays(alert, '✅ Self-healing: alibuild10 is cleaned up and eligible again');
    expect(outcome).toContain(opId);
    // The operation's own message: no human approval, the policy named as requester and approver.
    const op = s.slack.store.topLevel(ALERTS).find((m) => text(s, m).includes(opId) && text(s, m).includes('Applied'));
    expect(op && text(s, op)).toContain(`approved by \`${POLICY}\` · requested by \`${POLICY}\``);
    const resolved = await eventually(
      () => {
        const t = text(s, s.slack.store.topLevel(ALERTS).find((m) => m.ts === alert.ts)!);
        return t.includes('Resolved') ? t : undefined;
      },
      15_000,
      'the alert resolved in place',
    );
    expect(resolved).toContain(`cleaned up by ${opId} (requested by ${POLICY})`);
    // The runbook ran once; the node is back and eligible.
    expect(s.ssh!.executions.filter((e) => e.host === 'alibuild10')).toHaveLength(1);
    expect(s.nomad.state.node('alibuild10')!.SchedulingEligibility).toBe('eligible');
    // The audit trail names the policy as requester and approver.
    const lines = (await auditLines()).filter((l) => l.opId === opId);
    expect(lines.find((l) => l.event === 'request')?.userId).toBe(POLICY);
    expect(lines.find((l) => l.event === 'approve')).toMatchObject({ userId: POLICY, details: { automatic: 'true' } });
    expect(lines.find((l) => l.event === 'result')).toBeDefined();
  });

  it('leaves a drifted node alone during a node-down storm, says why once, and cleans it up when the storm passes', async () => {
    for (const n of ['alibuild05', 'alibuild06', 'alibuild07']) s.nomad.controls.nodeDown(n);
    await eventually(
      () => s.slack.store.topLevel(ALERTS).find((m) => /alibuild0[567]/.test(text(s, m)) && /down/i.test(text(s, m))),
      20_000,
      'the node-down alerts',
    );
    s.nomad.controls.setUntrackedDiskUsage('alibuild04', 800 * GIB);
    const alert = await driftAlert('alibuild04');
    const refusal = await threadSays(alert, `✋ Self-healing (\`${POLICY}\`) leaves alibuild04 alone for now`);
    expect(refusal).toContain('3 nodes are down at once (a storm, 3 or more).');
    expect(refusal).toContain('The Clean up… button still works.');
    // Several checks later: nothing ran on the host, and the refusal was said once.
    await eventually(
      async () => (await auditLines()).some((l) => l.event === 'refused' && l.target === 'alibuild04' && l.details.guardrail === 'storm'),
      10_000,
      'the refusal audited',
    );
    expect(s.ssh!.executions.filter((e) => e.host === 'alibuild04')).toHaveLength(0);
    // /ci policy says what may happen automatically and what did.
    const shown = text(s, await ask(s, 'U0ALICE', 'policy', 'Self-healing is on'));
    expect(shown).toContain('at most 1 node at once and 4 an hour');
    expect(shown).toContain('Last day: 1 automatic cleanup (1 applied, 0 running).');

    for (const n of ['alibuild05', 'alibuild06', 'alibuild07']) s.nomad.controls.nodeUp(n);
    await threadSays(alert, '✅ Self-healing: alibuild04 is cleaned up and eligible again', 60_000);
    expect(s.slack.store.thread(ALERTS, alert.ts).filter((m) => text(s, m).includes('✋'))).toHaveLength(1);
    expect(s.ssh!.executions.filter((e) => e.host === 'alibuild04')).toHaveLength(1);
  });
});
