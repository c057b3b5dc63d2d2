/**
 * The runbook's master checks as code (seed 002, "Rebuilding a master"): the other masters work,
 * the Nomad Raft quorum survives without this one, and who leads. Consul and Vault plug in
 * through `deps.masterHealthChecks`.
 */
import type { JobDeps, NomadAgentMember, VmCheck } from '../src/ports.js';
import { vmSettings } from './vm-common.js';

export interface MasterAssessment {
  checks: VmCheck[];
  /** Set when the target is the Nomad leader: the plan says leadership moves first. */
  leaderNote?: string;
}

const shortName = (m: NomadAgentMember) => m.Name.split('.')[0] ?? m.Name;
const isServer = (m: NomadAgentMember) => (m.Tags?.role ?? 'nomad') === 'nomad';

export async function assessMasters(deps: JobDeps, target: string): Promise<MasterAssessment> {
  const cluster = deps.nomadCluster;
  if (!cluster) return { checks: [{ ok: false, text: 'Nomad server status is not available to the bot (no cluster port wired).' }] };
  let members: NomadAgentMember[];
  let peers: string[];
  try {
    [members, peers] = await Promise.all([cluster.members().then((m) => m.Members.filter(isServer)), cluster.peers()]);
  } catch (err) {
    return { checks: [{ ok: false, text: `Nomad did not answer about its servers: ${err instanceof Error ? err.message : String(err)}` }] };
  }
  const checks: VmCheck[] = [];
  const me = members.find((m) => shortName(m) === target);
  if (!me) checks.push({ ok: true, text: `${target} is not among Nomad's servers (${members.map(shortName).join(', ') || 'none'}).` });
  const others = members.filter((m) => m !== me);
  for (const m of others) {
    checks.push({ ok: m.Status === 'alive', text: `Nomad server ${shortName(m)} is ${m.Status}` });
  }
  const quorum = Math.floor(peers.length / 2) + 1;
  const aliveAfter = others.filter((m) => m.Status === 'alive').length;
  checks.push({
    ok: aliveAfter >= quorum,
    text: `Raft quorum without ${target}: ${aliveAfter} of ${peers.length} servers alive, ${quorum} needed`,
  });
  let leaderNote: string | undefined;
  const leader = await cluster.leader().catch(() => '');
  const leaderMember = members.find((m) => leader === `${m.Addr}:${m.Tags?.port ?? '4647'}` || leader.startsWith(`${m.Addr}:`));
  if (!leader) checks.push({ ok: false, text: 'Nomad has no leader right now' });
  else if (leaderMember === me && me) {
    const next = others.filter((m) => m.Status === 'alive').map(shortName);
    leaderNote = `${target} is the Nomad leader: leadership moves to ${next.join(' or ') || 'another server'} first (Raft elects a new leader as soon as ${target} goes down; the runbook's manual transfer is optional).`;
  } else if (leaderMember) checks.push({ ok: true, text: `Nomad leader is ${shortName(leaderMember)}` });
  for (const extra of deps.masterHealthChecks ?? []) {
    checks.push(...(await extra(target, others.map(shortName))));
  }
  return { checks, ...(leaderNote ? { leaderNote } : {}) };
}

/** Polls `agent/members` until `name` is alive again (members have no blocking query). */
export async function waitServerAlive(deps: JobDeps, name: string): Promise<boolean> {
  const cluster = deps.nomadCluster;
  if (!cluster) return false;
  const { pollMs, timeoutMs } = vmSettings(deps);
  const deadline = deps.now() + timeoutMs;
  while (deps.now() < deadline) {
    deps.shutdown?.throwIfAborted();
    const { Members } = await cluster.members();
    if (Members.some((m) => shortName(m) === name && m.Status === 'alive')) return true;
    await new Promise((r) => setTimeout(r, pollMs));
  }
  return false;
}
