/**
 * `/ci node cleanup` end to end (issue 17): seed 000's nomad-diskfree cleanup as one approved
 * operation against the simulated farm, whose hosts run SSH (sim/ssh): ineligible, no builder
 * left (or drained), the configured command over SSH, the client ready with its disk back,
 * eligible — shown as a live checklist. Refusals are private and queue nothing; every failure
 * leaves the node ineligible, says what failed and what to do, and raises an alert.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonitorsConfigInput } from '../../src/monitors/index.js';
import { buttonsOf, namesFromStore, renderMessageText, type StoredMessage } from '../../sim/slack/index.js';
import { eventually } from '../support/eventually.js';
import { startStack, type Stack } from '../support/stack.js';
import { ask, press, text } from './ask.js';

const ALICE = 'U0ALICE';
const BOB = 'U0BOB';
const ALERTS = 'C0ALERTS';
const GIB = 1024 ** 3;
const RUNBOOK = 'rm -rfv /build/nomad/alloc/*/ci/local/*/sw && systemctl restart nomad';

const YAML = `
access:
  groups:
    ci-admins: [U0BOB, U0CAROL]
    operators: [U0ALICE, U0BOB, U0CAROL]
  classes:
    node:
      request: ["@operators"]
      approve: ["@ci-admins"]
      channels: [C0CIOPS, C0ALERTS]
remediation:
  ssh:
    connectTimeout: 3s
    commandTimeout: 3s
  cleanup:
    idleTimeout: 5s
    readyTimeout: 20s
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
    ssh: { hosts: ['alibuild03', 'alibuild04', 'alibuild08', 'alibuild10', 'alibuild12', 'alimac02'] },
    nomad: { timing: { allocStartMs: 30, evalCompleteMs: 10, migrateMs: 40, clientRestartMs: 150 } },
  });
});
afterAll(async () => s?.close());

const node = (name: string) => s.nomad.state.node(name)!;
const ssh = () => s.ssh!;
const execs = (host: string) => ssh().executions.filter((e) => e.host === host);

/** The cleanup's message (found by its plan line), once it reads `final`. */
async function cleanup(line: string, final: string, timeoutMs = 20_000): Promise<{ plan: string; done: StoredMessage }> {
  const name = line.split(' ')[2]!;
  await ask(s, ALICE, line, 'Queued:');
  const plan = await eventually(
    () => s.messages().find((m) => text(s, m).includes(`Plan: clean up ${name}:`) && buttonsOf(m).length > 0),
    10_000,
    `plan of ${line}`,
  );
  const planText = text(s, plan);
  await press(s, BOB, plan, 'Approve');
  const done = await eventually(() => s.messages().find((m) => m.ts === plan.ts && text(s, m).includes(final)), timeoutMs, `${final} for ${line}`);
  return { plan: planText, done };
}

describe('/ci node cleanup', () => {
  it('from the disk-drift alert: Clean up… plans it, bob approves, the alert resolves in place naming the operation', async () => {
    // The ALICE farm starts with alibuild10 drifted (nomad-diskfree's case needing intervention).
    const alert = await eventually(
      () => s.slack.store.topLevel(ALERTS).find((m) => text(s, m).includes('Disk accounting drift on alibuild10')),
      15_000,
      'the drift alert',
    );
    const button = buttonsOf(alert).find((b) => b.text === 'Clean up…');
    expect(buttonsOf(alert).map((b) => b.text)).toEqual(['Clean up…', 'Mark ineligible', 'Silence 1d']);
    const res = await s.driver.clickButton({ userId: ALICE, channelId: ALERTS, messageTs: alert.ts, actionId: button!.actionId });
    expect(res.status).toBe(200);
    const plan = await eventually(
      () => s.slack.store.topLevel(ALERTS).find((m) => text(s, m).includes('Plan: clean up alibuild10:') && buttonsOf(m).length > 0),
      10_000,
      'the plan',
    );
    const approve = buttonsOf(plan).find((b) => b.text === 'Approve')!;
    expect((await s.driver.clickButton({ userId: BOB, channelId: ALERTS, messageTs: plan.ts, actionId: approve.actionId })).status).toBe(200);
    const opId = /op-[a-z0-9-]+/.exec(text(s, plan))![0];
    await eventually(
      () => text(s, s.slack.store.topLevel(ALERTS).find((m) => m.ts === plan.ts)!).includes('Applied: alibuild10 cleaned up and eligible again'),
      20_000,
      'the cleanup applied',
    );
    const resolved = await eventually(
      () => {
        const t = text(s, s.slack.store.topLevel(ALERTS).find((m) => m.ts === alert.ts)!);
        return t.includes('Resolved') ? t : undefined;
      },
      10_000,
      'the alert resolved in place',
    );
    expect(resolved).toContain(`✅ Resolved: disk accounting on alibuild10 back in line at`);
    expect(resolved).toContain(`cleaned up by ${opId} (requested by @alice)`);
    // While the cleanup ran, the alert said why it was quiet.
    expect(alert.versions.some((v) => renderMessageText(v, namesFromStore(s.slack.store)).includes(`🔧 In maintenance (cleanup by @alice, ${opId}`))).toBe(
      true,
    );
  });

  it('cleans up a drifted node in recorded steps shown as a checklist, and gives it back eligible', async () => {
    // alibuild12 runs Nomad 1.10.5 (bytesfree fingerprinted at agent start); 300 GiB of old build areas lie there.
    s.nomad.controls.setUntrackedDiskUsage('alibuild12', 300 * GIB);
    const { plan, done } = await cleanup('node cleanup alibuild12', 'Applied: alibuild12 cleaned up and eligible again');
    const target = `root@127.0.0.1:${ssh().addresses().alibuild12!.split(':')[1]}`;
    expect(plan).toContain('1. Nomad: mark alibuild12 ineligible');
    expect(plan).toContain('2. wait until no builder runs on alibuild12');
    expect(plan).toContain(`3. SSH ${target}: the cleanup command`);
    expect(plan).toContain(`$ ${RUNBOOK}`);
    expect(plan).toContain('5. Nomad: mark alibuild12 eligible');
    expect(plan).toContain('✅ No builder runs on alibuild12');
    expect(plan).toContain(`✅ The host key of ${target} is pinned in known_hosts`);
    expect(plan).toContain('Nomad counts 454.1G free of 458.3G');
    expect(plan).toMatch(/needs 1 approval from @ci-admins \(not @alice\)/);

    const final = text(s, done);
    expect(final).toContain('approved by @bob · requested by @alice');
    expect(final).toContain('✅ 1. Nomad: mark alibuild12 ineligible — alibuild12 marked ineligible');
    expect(final).toContain('✅ 2. wait until no builder runs on alibuild12 — no builder runs on alibuild12');
    expect(final).toMatch(/✅ 3\. SSH .*: the cleanup command — exit 0 after [\d.]+ s on .* output attached in the thread/);
    expect(final).toContain(
      '✅ 4. wait for the Nomad client on alibuild12 to be ready with its free disk back — alibuild12 ready; Nomad counts 458.3G free of 458.3G',
    );
    expect(final).toContain('✅ 5. Nomad: mark alibuild12 eligible — alibuild12 eligible again');
    // While it applied, the message showed the steps one by one.
    const versions = done.versions.map((v) => renderMessageText(v, namesFromStore(s.slack.store)));
    expect(versions.some((v) => v.includes('⏳ 3. SSH'))).toBe(true);

    // The runbook's command ran once, exactly as configured; its long output is in the thread.
    expect(execs('alibuild12')).toEqual([{ host: 'alibuild12', command: RUNBOOK, exitCode: 0, refused: false }]);
    const file = await eventually(
      () => [...s.slack.store.files.values()].find((f) => f.completed && f.filename.startsWith('cleanup-alibuild12-')),
      5_000,
      'the output file',
    );
    expect(file.thread_ts).toBe(done.ts);
    expect(file.content).toContain("removed directory '/build/nomad/alloc/");
    expect(file.content).toContain('[exit 0]');
    expect(node('alibuild12').SchedulingEligibility).toBe('eligible');
    expect(node('alibuild12').Attributes['unique.storage.bytesfree']).toBe(node('alibuild12').Attributes['unique.storage.bytestotal']);
  });

  it('cleans up a current client whose disk has less free than Nomad counts', async () => {
    s.nomad.controls.setUntrackedDiskUsage('alibuild04', 800 * GIB);
    const { plan, done } = await cleanup('node cleanup alibuild04', 'Applied: alibuild04 cleaned up');
    expect(plan).toContain('Nomad counts 1006.9G free of 1006.9G');
    expect(text(s, done)).toContain('alibuild04 ready; Nomad counts 1006.9G free of 1006.9G, the disk has 1006.9G');
    expect(execs('alibuild04')).toHaveLength(1);
  });

  it('refuses privately, queuing nothing: an unknown node, a master, a node where builders run', async () => {
    const before = s.messages().length;
    await ask(s, ALICE, 'node cleanup alibuild99', 'No node called `alibuild99`.');
    await ask(s, ALICE, 'node cleanup alimesos01', '`alimesos01` is a master (a Nomad server), not a build node');
    const busy = await ask(s, ALICE, 'node cleanup alibuild03', 'Builders run on alibuild03 (ci-mesosci-cs8)');
    expect(text(s, busy)).toContain('`/ci node cleanup alibuild03 --drain`. Nothing was queued.');
    await ask(s, ALICE, 'node cleanup alibuild03 --deadline 5m', '`--deadline` goes with `--drain`.');
    await ask(s, ALICE, 'node cleanup alibuild03 --drain --deadline soon', '`soon` is not a duration');
    expect(s.messages()).toHaveLength(before);
    expect(execs('alibuild03')).toEqual([]);
  });

  it('with --drain, moves the builders away first', async () => {
    const { plan, done } = await cleanup('node cleanup alibuild03 --drain --deadline 10m', 'Applied: alibuild03 cleaned up');
    expect(plan).toContain('2. Nomad: drain alibuild03 (deadline 10m) until no builder runs there');
    expect(plan).toContain('✅ 1 builder runs on alibuild03 (ci-mesosci-cs8): drained first, stopped at the deadline');
    expect(text(s, done)).toContain('alibuild03 drained: no builder runs there');
    expect(node('alibuild03').Drain).toBe(false);
    expect(node('alibuild03').SchedulingEligibility).toBe('eligible');
  });

  it('a failed command leaves the node ineligible, says what failed and what to do, and raises an alert', async () => {
    ssh().controls.failNext('alibuild08', { exitCode: 1, stderr: "rm: cannot remove '/build/nomad/alloc/x/ci/local/y/sw': Device or resource busy\n" });
    const { done } = await cleanup('node cleanup alibuild08', 'Failed: clean up alibuild08');
    const final = text(s, done);
    expect(final).toContain('The cleanup on root@127.0.0.1');
    expect(final).toContain('failed: The command ended with exit code 1');
    expect(final).toContain('Device or resource busy');
    expect(final).toContain('alibuild08 stays ineligible: nothing new is placed there.');
    expect(final).toContain('`/ci node eligible alibuild08` to give it back as it is');
    expect(final).toMatch(/❌ 3\. SSH/);
    expect(final).toContain('▫️ 5. Nomad: mark alibuild08 eligible');
    expect(node('alibuild08').SchedulingEligibility).toBe('ineligible');
    const alert = await eventually(
      () => s.slack.store.topLevel(ALERTS).find((m) => text(s, m).includes('The cleanup of alibuild08 failed (SSH')),
      10_000,
      'the remediation-failed alert',
    );
    expect(text(s, alert)).toContain('alibuild08 is left ineligible');
    expect(buttonsOf(alert).map((b) => b.text)).toEqual(['Show node', 'Clean up…', 'Silence 1h']);
    // Someone fixes the host and gives the node back: the alert resolves in place.
    s.nomad.controls.setNodeEligibility('alibuild08', 'eligible');
    await eventually(() => text(s, s.slack.store.topLevel(ALERTS).find((m) => m.ts === alert.ts)!).includes('Resolved'), 10_000, 'the alert resolved');
  });

  it('a changed host key, a refused connection and a command that never ends: each said in words, nothing run', async () => {
    ssh().controls.rotateHostKey('alimac02');
    const changed = text(s, (await cleanup('node cleanup alimac02', 'Failed: clean up alimac02')).done);
    expect(changed).toContain('presented a host key other than the one pinned in known_hosts: the bot did not log in.');
    expect(changed).toContain('a rebuilt VM has new keys; anything else may be an attack');
    expect(execs('alimac02')).toEqual([]);
    expect(node('alimac02').SchedulingEligibility).toBe('ineligible');

    await ssh().controls.down('alibuild08');
    const refused = text(s, (await cleanup('node cleanup alibuild08', 'Failed: clean up alibuild08')).done);
    expect(refused).toContain('refused the SSH connection (nothing listens on port');
    await ssh().controls.up('alibuild08');

    ssh().controls.hangNext('alibuild08');
    const hung = text(s, (await cleanup('node cleanup alibuild08', 'Failed: clean up alibuild08')).done);
    expect(hung).toContain('The command ran longer than 3 s');
    expect(hung).toContain('see whether the command is still running');
    expect(node('alibuild08').SchedulingEligibility).toBe('ineligible');
  });
});
