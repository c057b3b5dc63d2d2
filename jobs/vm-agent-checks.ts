/**
 * The runbook's agent check as code (seed 002, "Rebuilding an agent"): "verify that the machine
 * is not running any particularly important task". Important = a protected job (`ci-*`, `repo`).
 */
import type { JobDeps, NomadAllocation, NomadNodeStub, VmCheck } from '../src/ports.js';
import { describeAllocations, findNomadNode, isProtectedJob, liveAllocations, vmSettings } from './vm-common.js';

export interface AgentAssessment {
  node: NomadNodeStub | undefined;
  live: NomadAllocation[];
  /** Live allocations of protected jobs: these block a rebuild until the node is drained. */
  protectedLive: NomadAllocation[];
  checks: VmCheck[];
}

export async function assessAgent(deps: JobDeps, name: string): Promise<AgentAssessment> {
  const node = await findNomadNode(deps, name);
  if (!node) return { node, live: [], protectedLive: [], checks: [{ ok: true, text: `No Nomad node called ${name}: nothing is scheduled there` }] };
  const live = await liveAllocations(deps, node.ID);
  const globs = vmSettings(deps).protectedJobs;
  const protectedLive = live.filter((a) => isProtectedJob(a.JobID, globs));
  const others = live.filter((a) => !protectedLive.includes(a));
  const state = `${node.Status}, ${node.SchedulingEligibility}${node.Drain ? ', draining' : ''}`;
  const checks: VmCheck[] = [];
  checks.push(
    protectedLive.length
      ? {
          ok: false,
          text: `Nomad node ${name} (${state}) runs ${protectedLive.length} allocation${protectedLive.length > 1 ? 's' : ''} of protected jobs: ${describeAllocations(protectedLive)}`,
        }
      : { ok: true, text: `Nomad node ${name} (${state}) runs no allocation of protected jobs (${globs.join(', ')})` },
  );
  if (others.length)
    checks.push({
      ok: true,
      text: `${others.length} other allocation${others.length > 1 ? 's' : ''} will be stopped and rescheduled: ${describeAllocations(others)}`,
    });
  return { node, live, protectedLive, checks };
}
