/**
 * `node.cleanup` (issue 17): seed 000's answer to disk-accounting drift — "ssh into the affected
 * machine, clean up under /build/nomad/alloc, and run `systemctl restart nomad` to reset Nomad's
 * idea of available disk space" — as one approved operation of recorded steps:
 *
 *   1. mark the node ineligible (nothing new is placed there)
 *   2. wait until no builder allocation runs there (or drain them, with a deadline)
 *   3. run the configured cleanup command over SSH (chatops.yaml, never chat text)
 *   4. wait for the Nomad client to be ready again with its free disk back above the rule's threshold
 *   5. mark it eligible
 *
 * Each step is recorded, so a restarted bot resumes after the last finished one. A step that fails
 * leaves the node ineligible, says what failed and what to do, and raises an alert.
 */
import { NodeCleanup, isMasterName, type OperationResult, type PlanOutcome, type PlannedOutcome } from '../src/operations/index.js';
import type { ApplyContext, CleanupSettings, JobDeps, MutatingJobModule, NomadAllocation, NomadNodeStub, RemoteRun } from '../src/ports.js';
import { duration } from './node-drain.js';
import { findNode, nodeWriteRefusal } from './node-find.js';
import { usageOf } from './read/disk.js';
import { diskSettings, diskWords, judgeNode, size, type DiskfreeRow } from './read/diskfree.js';
import { untilDeadline } from './follow.js';
import { describeAllocations, isProtectedJob, planText, refusedPlan, vmSettings } from './vm-common.js';
import { waitNodeReady } from './vm-nomad-wait.js';

const DEFAULTS: CleanupSettings = { idleTimeoutMs: 10 * 60_000, drainDeadlineMs: 60 * 60_000, readyTimeoutMs: 15 * 60_000 };
export const cleanupSettings = (deps: JobDeps): CleanupSettings => ({ ...DEFAULTS, ...deps.cleanup });

export const SSH_NOT_CONFIGURED =
  'SSH to the farm hosts is not configured: give the bot its key in CHATOPS_SSH_KEY (a file) or CHATOPS_SSH_PRIVATE_KEY, and the hosts’ keys in CHATOPS_SSH_KNOWN_HOSTS (README, “Remediations over SSH”).';

/** The steps as the message's checklist shows them (`ApplyContext.step` names). */
const STEPS = (name: string, drainMs: number | undefined, target: string) => [
  { name: 'ineligible', label: `Nomad: mark ${name} ineligible` },
  {
    name: 'idle',
    label: drainMs !== undefined ? `Nomad: drain ${name} (deadline ${duration(drainMs)}) until no builder runs there` : `wait until no builder runs on ${name}`,
  },
  { name: 'ssh', label: `SSH ${target}: the cleanup command` },
  { name: 'ready', label: `wait for the Nomad client on ${name} to be ready with its free disk back` },
  { name: 'eligible', label: `Nomad: mark ${name} eligible` },
];

/** The drain's deadline when the cleanup drains first. */
const drainMs = (op: NodeCleanup, deps: JobDeps) => (op.drain ? (op.drain.deadlineMs ?? cleanupSettings(deps).drainDeadlineMs) : undefined);

/** Live allocations of builder jobs (`vm.protectedJobs`: ci-*, repo): the cleanup would delete their build areas. */
const builders = (allocs: readonly NomadAllocation[], deps: JobDeps) =>
  allocs.filter(
    (a) =>
      a.DesiredStatus === 'run' && (a.ClientStatus === 'running' || a.ClientStatus === 'pending') && isProtectedJob(a.JobID, vmSettings(deps).protectedJobs),
  );

export const nodeCleanup: MutatingJobModule<NodeCleanup> = {
  kind: 'node.cleanup',
  schema: NodeCleanup,
  // The node's other operations (drain, eligibility) wait behind it, and it behind them.
  lockKey: (op) => `nomad/node/${op.node.toLowerCase()}`,
  describe: (op) => `clean up ${op.node}${op.drain ? ' (drain first)' : ''}`,
  // Its own restart of the client is not an alert: the node is in maintenance while the cleanup runs.
  takesNodeAway: (op, plan, deps) => {
    const s = cleanupSettings(deps);
    return {
      node: String(plan.facts.name),
      what: 'cleanup',
      expect: 'back',
      budgetMs: (drainMs(op, deps) ?? s.idleTimeoutMs) + Number(plan.facts.commandBudgetMs ?? 0) + s.readyTimeoutMs,
    };
  },

  async plan(op, deps): Promise<PlanOutcome> {
    const title = `clean up ${op.node}`;
    if (isMasterName(op.node.replace(/\..*$/, '')))
      return {
        status: 'failed',
        refused: true,
        title,
        failure: `${op.node} is a master (a Nomad server), not a build node: there is no build area to clean up.`,
      };
    if (!deps.remote) return { status: 'failed', title, failure: SSH_NOT_CONFIGURED };
    const found = await findNode(op.node, deps);
    if (!found.ok) return { status: 'failed', title, failure: found.message };
    const n = found.node;
    const { data: allocs } = await deps.nomad.nodes.allocations(n.ID);
    const busy = builders(allocs, deps);
    const where = deps.remote.describe(n.Name, 'cleanup');
    const pinned = await deps.remote.pinned(n.Name);
    const checks = [
      {
        ok: n.Status === 'ready',
        text: `Nomad node ${n.Name} is ${n.Status}${n.Status === 'ready' ? '' : ': its client must be ready to be cleaned up and followed back'}`,
      },
      busy.length === 0
        ? { ok: true, text: `No builder runs on ${n.Name}` }
        : {
            ok: op.drain !== undefined,
            text: `${busy.length} builder${busy.length === 1 ? '' : 's'} run${busy.length === 1 ? 's' : ''} on ${n.Name} (${describeAllocations(busy)})${op.drain ? `: drained first, stopped at the deadline` : ': the cleanup would delete their build areas'}`,
          },
      {
        ok: pinned,
        text: pinned ? `The host key of ${where.target} is pinned in known_hosts` : `known_hosts pins no key for ${where.target}: the bot would not connect`,
      },
    ];
    if (checks.some((c) => !c.ok)) {
      const instead = !pinned
        ? `Pin the host's key first (\`ssh-keyscan\`, checked against the host's own fingerprint), then ask again.`
        : busy.length && !op.drain
          ? `Wait for the builds to finish, or drain them away first with \`/ci node cleanup ${n.Name} --drain\`.`
          : '';
      const choices = busy.length && !op.drain && pinned ? [{ label: 'Drain, then clean up…', command: `node cleanup ${n.Name} --drain` }] : undefined;
      return refusedPlan(title, checks, instead, choices);
    }
    const disk = await judgeNode({ ...n, ...(await listedWithResources(deps, n)) }, usageOf(allocs), deps).catch(() => undefined);
    const threshold = diskSettings(deps).thresholdBytes;
    checks.push(
      disk?.problem
        ? { ok: true, text: `${diskWords(disk)}: a CI builder (${size(threshold)}) does not fit by Nomad's count` }
        : { ok: true, text: `${disk ? diskWords(disk) : 'Nomad’s count of free disk is unknown'}: no drift found now; the cleanup restarts the client anyway` },
    );
    const s = cleanupSettings(deps);
    const steps = STEPS(n.Name, drainMs(op, deps), where.target);
    const lines = [
      ...planText(
        steps.map((st) => st.label),
        checks,
      ).split('\n'),
    ];
    lines.splice(4, 0, `     $ ${where.command}`);
    const planned: PlannedOutcome = {
      status: 'planned',
      title: `clean up ${n.Name}: ineligible, the runbook's cleanup over SSH, ready with its disk back, eligible`,
      diffText: lines.join('\n'),
      dryRunText: '',
      placementFailures: false,
      notes: [
        `The command comes from chatops.yaml (remediation.commands.cleanup). If a step fails, ${n.Name} stays ineligible and the message says what to do.`,
        ...(op.drain ? [] : [`Builders placed before ${n.Name} turns ineligible get ${duration(s.idleTimeoutMs)} to finish.`]),
      ],
      checkIndex: n.ModifyIndex,
      planHash: deps.hash(JSON.stringify(['node.cleanup', n.ID, where, op.drain ?? null])),
      facts: { nodeId: n.ID, name: n.Name, target: where.target, commandBudgetMs: 10 * 60_000, thresholdBytes: threshold },
      steps,
    };
    return planned;
  },

  async apply(op, plan, deps, ctx): Promise<OperationResult> {
    const nodeId = String(plan.facts.nodeId);
    const name = String(plan.facts.name);
    const target = String(plan.facts.target);
    const s = cleanupSettings(deps);
    const done: string[] = [];
    let ready = '';
    const failed = async (step: string, failure: string): Promise<OperationResult> => {
      const text = `${failure}\n${name} stays ineligible: nothing new is placed there. When it is fixed, \`/ci node cleanup ${name}\` again, or \`/ci node eligible ${name}\` to give it back as it is.`;
      await deps.remediation?.failed({ node: name, opId: ctx.opId, what: 'cleanup', step, failure, requestedBy: ctx.requestedBy }).catch(() => undefined);
      return { status: 'failed', failure: text, done };
    };
    try {
      done.push(
        await ctx.step('ineligible', async () => {
          await deps.nomad.nodes.eligibility(nodeId, 'ineligible');
          return `${name} marked ineligible`;
        }),
      );
      const idle = await ctx.step('idle', () => waitIdle(op, nodeId, name, deps, ctx, s));
      if (idle.startsWith('!')) return failed('no builder left', idle.slice(1));
      done.push(idle);
      // When the command started: the client must be seen ready again after it.
      const since = Number(await ctx.step('ssh-started', async () => String(deps.now())));
      const remote = deps.remote;
      if (!remote) return failed('SSH', SSH_NOT_CONFIGURED);
      const ssh = await ctx.step('ssh', async () => {
        const run = await remote.run(name, 'cleanup', deps.shutdown);
        // The bot stopping is no failure of the host: the next bot runs the step again.
        if (deps.shutdown?.aborted) throw new Error('This operation was aborted while the cleanup command ran');
        const attached = await attachOutput(run, ctx, name, target);
        if (!run.ok) return `!${run.message} ${run.advice}${attached}`;
        return `exit 0 after ${(run.durationMs / 1000).toFixed(1)} s on ${target}${attached}`;
      });
      if (ssh.startsWith('!')) return failed(`SSH ${target}`, `The cleanup on ${target} failed: ${ssh.slice(1)}`);
      done.push(`cleanup: ${ssh}`);
      ready = await ctx.step('ready', () => waitReadyWithDisk(name, nodeId, since, deps, s));
      if (ready.startsWith('!')) return failed('client ready with its disk back', ready.slice(1));
      done.push(ready);
      done.push(
        await ctx.step('eligible', async () => {
          const { data: n } = await deps.nomad.nodes.read(nodeId);
          // A drain is over once the builders are gone; one still set is cancelled with the eligibility.
          if (n.Drain) await deps.nomad.nodes.drain(nodeId, null, { markEligible: true });
          else await deps.nomad.nodes.eligibility(nodeId, 'eligible');
          return `${name} eligible again`;
        }),
      );
    } catch (err) {
      const refusal = nodeWriteRefusal(err, name);
      if (refusal) return failed('Nomad', refusal);
      throw err;
    }
    await deps.remediation?.succeeded(name).catch(() => undefined);
    // The checklist shows every step; the details say what it was for.
    return { status: 'succeeded', summary: `${name} cleaned up and eligible again`, details: [ready.replace(/^.*? ready; /, 'Now ')] };
  },
};

/** The node as the list with resources shows it (what the disk rule reads); the stub when it cannot. */
async function listedWithResources(deps: JobDeps, n: NomadNodeStub): Promise<Partial<NomadNodeStub>> {
  const { data } = await deps.nomad.nodes.list({ resources: true });
  return data.find((x) => x.ID === n.ID) ?? {};
}

/**
 * Step 2: no builder left. Without --drain the node is ineligible, so only builders placed before
 * that can be there; they get `idleTimeoutMs`. With --drain a drain moves them (stopped at its
 * deadline). A result starting with `!` is the failure to report.
 */
async function waitIdle(op: NodeCleanup, nodeId: string, name: string, deps: JobDeps, ctx: ApplyContext, s: CleanupSettings): Promise<string> {
  const drainFor = drainMs(op, deps);
  if (drainFor !== undefined) {
    const { data: n } = await deps.nomad.nodes.read(nodeId);
    if (!n.Drain)
      await deps.nomad.nodes.drain(
        nodeId,
        { deadlineMs: drainFor },
        { meta: { message: `ci-chatops ${ctx.opId}: cleanup of ${name}`, 'ci-chatops.op': ctx.opId } },
      );
  }
  const until = deps.now() + (drainFor !== undefined ? drainFor + 60_000 : s.idleTimeoutMs);
  let index = 0;
  let reported = -1;
  for (;;) {
    const signal = deps.shutdown;
    const { data, meta } = await deps.nomad.nodes.allocations(nodeId, {
      index,
      waitMs: Math.min(10_000, untilDeadline(until, deps)),
      ...(signal ? { signal } : {}),
    });
    const left = builders(data, deps);
    if (left.length === 0) return op.drain ? `${name} drained: no builder runs there` : `no builder runs on ${name}`;
    if (deps.now() >= until) {
      return op.drain
        ? `!${left.length} builder${left.length === 1 ? '' : 's'} still on ${name} a minute after the drain's deadline (${describeAllocations(left)}): look at \`/ci node ${name}\`.`
        : `!${left.length} builder${left.length === 1 ? '' : 's'} still run${left.length === 1 ? 's' : ''} on ${name} after ${duration(s.idleTimeoutMs)} (${describeAllocations(left)}): clean up with \`/ci node cleanup ${name} --drain\` to move them away first.`;
    }
    if (left.length !== reported) {
      reported = left.length;
      await ctx.progress(`Waiting for ${left.length} builder${left.length === 1 ? '' : 's'} on ${name}: ${describeAllocations(left)}.`);
    }
    index = meta.lastIndex;
  }
}

/**
 * Step 4: the client restarted (ready again after the command) and the disk rule satisfied: a CI
 * builder fits by Nomad's count and the disk has the room Nomad counts.
 */
async function waitReadyWithDisk(name: string, nodeId: string, since: number, deps: JobDeps, s: CleanupSettings): Promise<string> {
  const waitDeps = { ...deps, vm: { ...deps.vm, timeoutMs: s.readyTimeoutMs } };
  const back = await waitNodeReady(waitDeps, name, since);
  if (!back.node)
    return `!The Nomad client on ${name} was not ready again within ${duration(s.readyTimeoutMs)} after the cleanup (it is ${back.last}). Look at the agent there (\`journalctl -u nomad\`).`;
  // A client before 1.11.1 fingerprints its disk at start; a newer one is measured: either shows at once, give it two minutes.
  const until = deps.now() + Math.min(s.readyTimeoutMs, 120_000);
  let last: DiskfreeRow | undefined;
  let index = 0;
  for (;;) {
    const signal = deps.shutdown;
    const [{ data: nodes, meta }, { data: allocs }] = await Promise.all([
      deps.nomad.nodes.list({ resources: true, index, waitMs: Math.min(5_000, untilDeadline(until, deps)), ...(signal ? { signal } : {}) }),
      deps.nomad.nodes.allocations(nodeId),
    ]);
    const n = nodes.find((x) => x.ID === nodeId);
    if (n) {
      last = await judgeNode(n, usageOf(allocs), deps);
      if (!last.problem) return `${name} ready; ${diskWords(last)}`;
    }
    if (deps.now() >= until) break;
    index = meta.lastIndex;
  }
  const threshold = diskSettings(deps).thresholdBytes;
  return `!The cleanup ran and ${name} is ready, but ${last ? diskWords(last) : 'its free disk is unknown'}: a CI builder (${size(threshold)}) still does not fit. Something else fills the disk: look with \`/ci diskfree ${name}\` and on the host (\`du -sh /build/*\`).`;
}

/** Long output goes as a file in the operation's thread; the words say where it is. */
async function attachOutput(run: RemoteRun, ctx: ApplyContext, name: string, target: string): Promise<string> {
  const output = run.output;
  if (!output || output.bytes === 0) return '';
  const lines = output.text.split('\n').filter(Boolean);
  const short = output.text.length <= 600 && lines.length <= 6;
  if (short) return ` — ${lines.length} line${lines.length === 1 ? '' : 's'} of output, the last: ${clip(lines.at(-1) ?? '')}`;
  const status = run.ok ? 'exit 0' : run.exitCode !== undefined ? `exit code ${run.exitCode}` : run.kind;
  const shared = await ctx.attach({
    filename: `cleanup-${name}-${ctx.opId}.txt`,
    content: `$ ssh ${target} <remediation.commands.cleanup>\n${output.text}${output.text.endsWith('\n') ? '' : '\n'}[${status}]\n`,
    comment: `Output of the cleanup on ${target} (${status}${output.omittedBytes ? `, ${output.omittedBytes} bytes left out in the middle` : ''})`,
  });
  const tail = clip(lines.at(-1) ?? '');
  return shared.shared ? ` — output attached in the thread; it ends: ${tail}` : ` — output not attached (${shared.why}); it ends: ${tail}`;
}

const clip = (line: string) => (line.length > 160 ? `${line.slice(0, 160)}…` : line);
