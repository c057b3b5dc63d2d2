/**
 * `vm.rebuild`: `ai-rebuild-vm` (seed 002) with the runbook's checks as code. An agent must not
 * run allocations of protected jobs (drain it first); a master needs the other masters healthy
 * and the Raft quorum to survive without it.
 */
import { DEFAULT_VM_IMAGE, VmRebuild, isMasterName, type OperationResult, type PlanOutcome } from '../src/operations/index.js';
import type { JobDeps, MutatingJobModule, VmCheck } from '../src/ports.js';
import { assessAgent } from './vm-agent-checks.js';
import {
  describeServer,
  findServer,
  OPENSTACK_NOT_CONFIGURED,
  openstackOf,
  planText,
  refusal,
  refusedPlan,
  secondsSince,
  vmSettings,
  waitOpts,
} from './vm-common.js';
import { vmFailure } from './vm-failure.js';
import { assessMasters, waitServerAlive } from './vm-masters.js';
import { waitNodeReady } from './vm-nomad-wait.js';

/** The checks for this machine's role; `instead` is what to do when they fail. */
async function roleChecks(deps: JobDeps, name: string): Promise<{ checks: VmCheck[]; notes: string[]; instead: string; hasNode: boolean }> {
  if (isMasterName(name)) {
    const m = await assessMasters(deps, name);
    return {
      checks: m.checks,
      notes: m.leaderNote ? [m.leaderNote] : [],
      instead: 'Rebuild a master only while the other two work (seed 002); fix them first.',
      hasNode: true,
    };
  }
  const a = await assessAgent(deps, name);
  return {
    hasNode: a.node !== undefined,
    checks: a.checks,
    notes: [],
    instead: `Drain it first so its builds finish elsewhere: \`/ci node drain ${name}\`, then run \`/ci vm rebuild ${name}\` again.`,
  };
}

export const vmRebuild: MutatingJobModule<VmRebuild> = {
  kind: 'vm.rebuild',
  schema: VmRebuild,
  lockKey: (op) => `openstack/server/${op.name}`,
  describe: (op) => `rebuild ${op.name}${op.image ? ` with ${op.image}` : ''}`,
  takesNodeAway: (op, plan, deps) =>
    plan.facts.hasNode ? { node: op.name, what: 'rebuild', expect: 'back', budgetMs: 2 * vmSettings(deps).timeoutMs } : undefined,

  async plan(op, deps): Promise<PlanOutcome> {
    const title = `rebuild ${op.name}`;
    if (!deps.openstack) return { status: 'failed', title, failure: OPENSTACK_NOT_CONFIGURED };
    const os = deps.openstack;
    const server = await findServer(os, op.name);
    if (!server) return { status: 'failed', title, failure: `No server called ${op.name} in OpenStack. \`/ci vm list\` shows them.` };
    let image;
    try {
      image = await os.images.getLatestByName(op.image ?? DEFAULT_VM_IMAGE);
    } catch (err) {
      return { status: 'failed', title, failure: vmFailure(err, 'find the image', [])?.failure ?? String(err) };
    }
    const task = server['OS-EXT-STS:task_state'];
    const nova: VmCheck = {
      ok: !task,
      text: task ? `Nova: ${op.name} is busy (${describeServer(server)})` : `Nova: ${op.name} is ${describeServer(server)}, no task in progress`,
    };
    const role = await roleChecks(deps, op.name);
    const checks = [nova, ...role.checks];
    if (checks.some((c) => !c.ok)) {
      const drainFirst = role.hasNode && !isMasterName(op.name) ? [{ label: 'Drain, then rebuild', command: `node drain ${op.name}` }] : [];
      return refusedPlan(title, checks, role.instead, drainFirst);
    }
    const master = isMasterName(op.name);
    const steps = [
      `Nova: rebuild ${op.name} from image "${image.name}" (${image.id.slice(0, 8)}); name, flavor, addresses and volumes stay`,
      'wait until Nova says ACTIVE (up to an hour with Puppet)',
      ...(role.hasNode ? [master ? `wait until the Nomad server ${op.name} is alive again` : `wait until the Nomad node ${op.name} registers again`] : []),
    ];
    const notes = [...role.notes, 'Everything on the root disk is lost. Check Puppet afterwards (`puppet agent -t -v` until no errors).'];
    return {
      status: 'planned',
      title: `rebuild ${op.name} (${master ? 'master' : 'agent'}) with ${image.name}`,
      diffText: planText(steps, checks),
      dryRunText: '',
      placementFailures: false,
      notes,
      checkIndex: 0,
      planHash: deps.hash(JSON.stringify(['vm.rebuild', server.id, image.id])),
      facts: { serverId: server.id, imageId: image.id, imageName: image.name ?? image.id, hasNode: role.hasNode },
    };
  },

  async apply(op, plan, deps, ctx): Promise<OperationResult> {
    const os = openstackOf(deps);
    const serverId = String(plan.facts.serverId);
    const done: string[] = [];
    try {
      const started = Number(
        await ctx.step('rebuild', async () => {
          // The world may have changed while the plan waited for approval: check again, right before.
          const role = await roleChecks(deps, op.name);
          if (role.checks.some((c) => !c.ok)) throw new ChecksFailed(refusal(`rebuild of ${op.name} at apply time`, role.checks, role.instead));
          const at = deps.now();
          await os.servers.rebuild(serverId, String(plan.facts.imageId));
          return String(at);
        }),
      );
      done.push(`rebuild of ${op.name} accepted`);
      await ctx.progress(`Nova accepted the rebuild of ${op.name} (REBUILD); waiting for ACTIVE…`);
      await os.servers.waitForStatus(serverId, 'ACTIVE', waitOpts(deps));
      done.push(`${op.name} ACTIVE`);
      await ctx.progress(`${op.name} is ACTIVE with ${plan.facts.imageName} (${secondsSince(deps, started)} s); waiting for Nomad…`);
      const details: string[] = [];
      if (!plan.facts.hasNode) details.push('no Nomad node to wait for');
      else if (isMasterName(op.name)) {
        const alive = await waitServerAlive(deps, op.name);
        details.push(alive ? `Nomad server ${op.name} alive` : `⚠️ Nomad server ${op.name} not alive yet: check Puppet and nomad.service`);
      } else {
        const back = await waitNodeReady(deps, op.name, started);
        details.push(
          back.node
            ? `Nomad node ${op.name} ready (${back.node.SchedulingEligibility})`
            : `⚠️ Nomad node ${op.name} is ${back.last}: check Puppet and nomad.service`,
        );
        if (back.node?.SchedulingEligibility === 'ineligible')
          details.push(`${op.name} is still ineligible after its drain: make it eligible again when Puppet is clean.`);
      }
      details.push(`${secondsSince(deps, started)} s`);
      return { status: 'succeeded', summary: `${op.name} rebuilt with ${plan.facts.imageName}`, details };
    } catch (err) {
      if (err instanceof ChecksFailed) return { status: 'failed', failure: err.message, done, refused: true };
      const failed = vmFailure(err, `rebuild ${op.name}`, done);
      if (failed) return failed;
      throw err;
    }
  },
};

class ChecksFailed extends Error {}
