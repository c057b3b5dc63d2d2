/**
 * `vm.reboot`: `openstack server reboot --hard <name>` (seed 002, "Rebooting"), then follow it
 * until Nova says ACTIVE and the machine's Nomad client (or server, for a master) is back.
 */
import { VmReboot, isMasterName, type OperationResult, type PlanOutcome } from '../src/operations/index.js';
import type { MutatingJobModule, VmCheck } from '../src/ports.js';
import { assessAgent } from './vm-agent-checks.js';
import { describeServer, findServer, OPENSTACK_NOT_CONFIGURED, openstackOf, planText, refusedPlan, secondsSince, vmSettings, waitOpts } from './vm-common.js';
import { vmFailure } from './vm-failure.js';
import { assessMasters, waitServerAlive } from './vm-masters.js';
import { waitNodeReady } from './vm-nomad-wait.js';

export const vmReboot: MutatingJobModule<VmReboot> = {
  kind: 'vm.reboot',
  schema: VmReboot,
  lockKey: (op) => `openstack/server/${op.name}`,
  describe: (op) => `hard reboot ${op.name}`,
  // Nova's wait, then Nomad's: each bounded by the VM wait limit.
  takesNodeAway: (op, plan, deps) =>
    plan.facts.hasNode ? { node: op.name, what: 'hard reboot', expect: 'back', budgetMs: 2 * vmSettings(deps).timeoutMs } : undefined,

  async plan(op, deps): Promise<PlanOutcome> {
    const title = `hard reboot ${op.name}`;
    if (!deps.openstack) return { status: 'failed', title, failure: OPENSTACK_NOT_CONFIGURED };
    const os = deps.openstack;
    const server = await findServer(os, op.name);
    if (!server) return { status: 'failed', title, failure: `No server called ${op.name} in OpenStack. \`/ci vm list\` shows them.` };
    const master = isMasterName(op.name);
    const task = server['OS-EXT-STS:task_state'];
    const checks: VmCheck[] = [
      { ok: !task, text: task ? `Nova: ${op.name} is busy (${describeServer(server)})` : `Nova: ${op.name} is ${describeServer(server)}, no task in progress` },
    ];
    const notes: string[] = [];
    let hasNode = master;
    if (master) {
      const m = await assessMasters(deps, op.name);
      checks.push(...m.checks);
      if (m.leaderNote) notes.push(m.leaderNote);
    } else {
      const a = await assessAgent(deps, op.name);
      hasNode = a.node !== undefined;
      // A hard reboot is for a stuck machine: its allocations are lost either way, so they are shown, not a refusal.
      checks.push(...a.checks.map((c) => ({ ok: true, text: c.ok ? c.text : `${c.text} — they will be lost and rescheduled` })));
    }
    if (checks.some((c) => !c.ok)) {
      return refusedPlan(
        title,
        checks,
        master ? 'Reboot a master only while the other masters are healthy.' : 'Run the command again once the current task is over.',
      );
    }
    const steps = [
      `Nova: reboot --hard ${op.name} (status HARD_REBOOT)`,
      'wait until Nova says ACTIVE',
      ...(hasNode ? [master ? `wait until the Nomad server ${op.name} is alive again` : `wait until the Nomad node ${op.name} is ready again`] : []),
    ];
    return {
      status: 'planned',
      title: `hard reboot ${op.name} (${master ? 'master' : 'agent'})`,
      diffText: planText(steps, checks),
      dryRunText: '',
      placementFailures: false,
      notes,
      checkIndex: 0,
      planHash: deps.hash(JSON.stringify(['vm.reboot', server.id])),
      facts: { serverId: server.id, hasNode },
    };
  },

  async apply(op, plan, deps, ctx): Promise<OperationResult> {
    const os = openstackOf(deps);
    const serverId = String(plan.facts.serverId);
    const done: string[] = [];
    try {
      const started = Number(
        await ctx.step('reboot', async () => {
          const at = deps.now();
          await os.servers.rebootHard(serverId);
          return String(at);
        }),
      );
      done.push(`hard reboot of ${op.name} accepted`);
      await ctx.progress(`Nova accepted the hard reboot of ${op.name}; waiting for ACTIVE…`);
      await os.servers.waitForStatus(serverId, 'ACTIVE', waitOpts(deps));
      done.push(`${op.name} ACTIVE`);
      if (!plan.facts.hasNode)
        return { status: 'succeeded', summary: `${op.name} hard-rebooted`, details: [`ACTIVE · no Nomad node to wait for · ${secondsSince(deps, started)} s`] };
      await ctx.progress(`${op.name} is ACTIVE again (${secondsSince(deps, started)} s); waiting for Nomad…`);
      if (isMasterName(op.name)) {
        const alive = await waitServerAlive(deps, op.name);
        const line = alive ? `Nomad server ${op.name} alive` : `⚠️ Nomad server ${op.name} not alive yet: check nomad.service on it`;
        return { status: 'succeeded', summary: `${op.name} hard-rebooted`, details: [`ACTIVE · ${line} · ${secondsSince(deps, started)} s`] };
      }
      const back = await waitNodeReady(deps, op.name, started);
      const line = back.node
        ? `Nomad node ${op.name} ready (${back.node.SchedulingEligibility})`
        : `⚠️ Nomad node ${op.name} is ${back.last} after ${secondsSince(deps, started)} s: check nomad.service and Puppet on it`;
      return { status: 'succeeded', summary: `${op.name} hard-rebooted`, details: [`ACTIVE · ${line} · ${secondsSince(deps, started)} s`] };
    } catch (err) {
      const failed = vmFailure(err, `hard reboot ${op.name}`, done);
      if (failed) return failed;
      throw err;
    }
  },
};
