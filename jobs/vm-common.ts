/**
 * What the VM jobs share: finding a server by its exact name and its Nomad node, the settings,
 * how to wait (bounded, abortable at shutdown), and the plan text layout.
 */
import { UserFacingError } from '../src/errors.js';
import type { PlanOutcome } from '../src/operations/index.js';
import type { JobDeps, NomadAllocation, NomadNodeStub, NovaServer, OpenStackPort, VmCheck, VmSettings } from '../src/ports.js';

export const OPENSTACK_NOT_CONFIGURED = 'OpenStack is not configured: set OS_CLOUD or OS_AUTH_URL (see README).';

const DEFAULTS: VmSettings = { protectedJobs: ['ci-*', 'repo'], pollMs: 2_000, timeoutMs: 60 * 60_000 };

export function vmSettings(deps: JobDeps): VmSettings {
  return { ...DEFAULTS, ...deps.vm };
}

export function openstackOf(deps: JobDeps): OpenStackPort {
  if (!deps.openstack) throw new UserFacingError(OPENSTACK_NOT_CONFIGURED);
  return deps.openstack;
}

/** Options for Nova/Cinder polls: the configured pace, and stop when the bot shuts down. */
export function waitOpts(deps: JobDeps): { intervalMs: number; timeoutMs: number; signal?: AbortSignal } {
  const s = vmSettings(deps);
  return { intervalMs: s.pollMs, timeoutMs: s.timeoutMs, ...(deps.shutdown ? { signal: deps.shutdown } : {}) };
}

/** The one server with exactly this name, or undefined; two servers with one name is an error to report. */
export async function findServer(os: OpenStackPort, name: string): Promise<NovaServer | undefined> {
  const found = await os.servers.list({ name });
  if (found.length > 1)
    throw new UserFacingError(`${found.length} servers are called ${name} (${found.map((s) => s.id).join(', ')}); sort that out in OpenStack first.`);
  return found[0];
}

export async function findNomadNode(deps: JobDeps, name: string): Promise<NomadNodeStub | undefined> {
  const { data } = await deps.nomad.nodes.list();
  return data.find((n) => n.Name === name);
}

/** Allocations Nomad wants running on the node and that are not finished. */
export async function liveAllocations(deps: JobDeps, nodeId: string): Promise<NomadAllocation[]> {
  const { data } = await deps.nomad.nodes.allocations(nodeId);
  return data.filter((a) => a.DesiredStatus === 'run' && (a.ClientStatus === 'running' || a.ClientStatus === 'pending'));
}

/** `ci-*` style globs from the configuration. */
export function isProtectedJob(jobId: string, globs: readonly string[]): boolean {
  return globs.some((g) =>
    new RegExp(
      `^${g
        .split('*')
        .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    ).test(jobId),
  );
}

/** "ci-mesosci-cs8 ×2, repo" */
export function describeAllocations(allocs: readonly { JobID: string }[]): string {
  const counts = new Map<string, number>();
  for (const a of allocs) counts.set(a.JobID, (counts.get(a.JobID) ?? 0) + 1);
  return [...counts].map(([job, n]) => (n > 1 ? `${job} ×${n}` : job)).join(', ');
}

/** Plan text: the steps that will happen, then each check with its result. */
export function planText(steps: readonly string[], checks: readonly VmCheck[]): string {
  const lines = ['Steps:', ...steps.map((s, i) => `  ${i + 1}. ${s}`)];
  if (checks.length) lines.push('Checks:', ...checks.map((c) => `  ${c.ok ? '✅' : '❌'} ${c.text}`));
  return lines.join('\n');
}

/**
 * A plan refused by its checks: the first line already reads "🚫 Refused: <title>", so the text is
 * every failed check and what to do instead.
 */
export function refusedPlan(title: string, checks: readonly VmCheck[], instead: string, choices?: { label: string; command: string }[]): PlanOutcome {
  const failed = checks.filter((c) => !c.ok).map((c) => `• ${c.text}`);
  return { status: 'failed', refused: true, title, failure: [...failed, instead].filter(Boolean).join('\n'), ...(choices?.length ? { choices } : {}) };
}

/** The refusal when a check fails: every failed check, and what to do instead. */
export function refusal(what: string, checks: readonly VmCheck[], instead: string): string {
  const failed = checks.filter((c) => !c.ok).map((c) => `• ${c.text}`);
  return [`Refused: ${what}.`, ...failed, instead].filter(Boolean).join('\n');
}

/** "m2.2xlarge, cern-geneva-a" */
export function describeServer(s: NovaServer): string {
  const flavor = 'original_name' in s.flavor ? s.flavor.original_name : s.flavor.id;
  const az = s['OS-EXT-AZ:availability_zone'];
  const task = s['OS-EXT-STS:task_state'];
  return `${s.status}${task ? ` (task_state ${task})` : ''}, ${flavor}${az ? `, ${az}` : ''}`;
}

/** Seconds since `startMs`, one decimal. */
export function secondsSince(deps: JobDeps, startMs: number): string {
  return ((deps.now() - startMs) / 1000).toFixed(1);
}
