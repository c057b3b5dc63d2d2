/**
 * Opt-in self-healing (issue 17.6): may the bot clean up a drifting node by itself, now? Pure —
 * the caller gathers the farm's state (alerts firing, the node's builders, the automatic actions
 * of the last day) and this says yes, or which guardrail says no and why, in one sentence.
 * Every refusal has a code so the thread says it once, and tests cover each of them.
 */
import { activeFreeze, type FreezeConfig } from '../access/freeze.js';
import { matchesAny } from '../monitors/glob.js';

export interface AutoPolicy {
  enabled: boolean;
  /** Recorded as the requester: `policy:<name>`. */
  name: string;
  /** The alert kinds it acts on (today: disk-drift). */
  kinds: readonly string[];
  /** At most this many nodes under an automatic remediation at once, farm-wide. */
  maxConcurrent: number;
  /** At most this many automatic remediations started in any hour, farm-wide. */
  maxPerHour: number;
  /** This many node-down alerts firing at once is a storm: nothing automatic until it passes. */
  stormNodes: number;
  /** A node cleaned up automatically that drifts again within this long waits for a person. */
  repeatWindowMs: number;
}

/** One automatic remediation, as the ledger remembers it. */
export interface AutoAction {
  opId: string;
  node: string;
  startedAt: number;
  finishedAt?: number;
}

export interface AutoCandidate {
  kind: string;
  node: string;
  /** The alert offers the runbook's cleanup (drift that a cleanup fixes, not a disk really full). */
  offersCleanup: boolean;
}

export interface FarmNow {
  now: number;
  freeze: FreezeConfig;
  /** Alerts firing now (not silenced, not pending). */
  firing: readonly { kind: string; subject: string }[];
  /** Jobs with a live allocation on the candidate's node. */
  jobsOnNode: readonly string[];
  /** Jobs the policy never disturbs (`vm.protectedJobs`: ci-*, repo). */
  protectedJobs: readonly string[];
  /** Automatic remediations of the last day, finished or not. */
  actions: readonly AutoAction[];
}

export type RefusalCode = 'off' | 'kind' | 'no-cleanup' | 'freeze' | 'master-health' | 'storm' | 'busy-node' | 'repeat' | 'concurrency' | 'hourly';

export type AutoDecision = { allowed: true } | { allowed: false; code: RefusalCode; reason: string };

const HOUR = 3_600_000;
const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);
const no = (code: RefusalCode, reason: string): AutoDecision => ({ allowed: false, code, reason });

/** The node-class freeze covers a cleanup (`/ci node cleanup` is a `node` operation). */
export const CLEANUP_CLASS = 'node';

export function decideAuto(policy: AutoPolicy, c: AutoCandidate, farm: FarmNow): AutoDecision {
  if (!policy.enabled) return no('off', 'self-healing is off (`remediation.auto.enabled`).');
  if (!policy.kinds.includes(c.kind)) return no('kind', `the policy does not act on ${c.kind} alerts (\`remediation.auto.kinds\`).`);
  if (!c.offersCleanup) return no('no-cleanup', `the alert on ${c.node} is not one a cleanup fixes.`);
  const freeze = activeFreeze(farm.freeze, CLEANUP_CLASS, farm.now);
  if (freeze) return no('freeze', `change freeze "${freeze.name}" until ${hhmm(freeze.until)} UTC.`);
  const masters = farm.firing.filter((a) => a.kind === 'master-health');
  if (masters.length) return no('master-health', `a master-health alert fires (${[...new Set(masters.map((a) => a.subject))].join(', ')}).`);
  const down = farm.firing.filter((a) => a.kind === 'node-down');
  if (down.length >= policy.stormNodes) return no('storm', `${down.length} nodes are down at once (a storm, ${policy.stormNodes} or more).`);
  const busy = [...new Set(farm.jobsOnNode.filter((j) => matchesAny(j, farm.protectedJobs)))];
  if (busy.length) return no('busy-node', `protected jobs run on ${c.node} (${busy.join(', ')}); it waits until the node is idle.`);
  const mine = farm.actions.filter((a) => a.node === c.node);
  const earlier = mine.find((a) => a.finishedAt === undefined || farm.now - a.startedAt < policy.repeatWindowMs);
  if (earlier)
    return no(
      'repeat',
      earlier.finishedAt === undefined
        ? `${c.node} is already being remediated (${earlier.opId}).`
        : `${c.node} was cleaned up automatically at ${hhmm(earlier.startedAt)} UTC (${earlier.opId}) and drifts again: a person should look.`,
    );
  const running = farm.actions.filter((a) => a.finishedAt === undefined).length;
  if (running >= policy.maxConcurrent)
    return no('concurrency', `${running} node${running === 1 ? '' : 's'} already being remediated (at most ${policy.maxConcurrent} at once).`);
  const lastHour = farm.actions.filter((a) => farm.now - a.startedAt < HOUR);
  if (lastHour.length >= policy.maxPerHour) {
    const next = Math.min(...lastHour.map((a) => a.startedAt)) + HOUR;
    return no('hourly', `${lastHour.length} automatic remediations in the last hour (at most ${policy.maxPerHour}); the next may start at ${hhmm(next)} UTC.`);
  }
  return { allowed: true };
}
