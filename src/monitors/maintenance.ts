/**
 * Maintenance windows: an approved operation that takes a node away (hard reboot, rebuild,
 * retire, drain, delete) opens one for its node, so the bot does not alert about what it is doing
 * itself. The window lasts as long as the operation; when the operation is over it ends as soon
 * as the node is ready again (or, after a retire or delete, gone from Nomad). A node that is not
 * back in time is no longer held: its alerts fire, saying which operation it did not come back from.
 * Windows live in Redis (any replica applies, the lease holder watches, a restart forgets nothing).
 */
import type { AlertFact } from './facts.js';

export interface MaintenanceRequest {
  /** The operation (`op-…`): one window per operation, so a resumed apply opens nothing twice. */
  opId: string;
  node: string;
  /** What is done to it, in the words of the operation: "hard reboot", "rebuild", "drain"… */
  what: string;
  /** `back`: the node returns ready (reboot, rebuild, drain). `gone`: it leaves Nomad (retire, delete). */
  expect: 'back' | 'gone';
  /** How long the operation may take at most before the node counts as not back in time. */
  budgetMs: number;
  requestedBy: string;
  approvedBy: readonly string[];
}

export interface MaintenanceWindow extends Omit<MaintenanceRequest, 'approvedBy'> {
  approvedBy: string[];
  startedAt: number;
  /** The node should be back (or gone) by then. */
  deadline: number;
  /** The operation finished, and how. */
  endedAt?: number;
  outcome?: 'succeeded' | 'failed';
  /** The node did not come back in time: its alerts fire again, and say so. */
  overdueAt?: number;
}

/** What the watch knows of a node: its Nomad status, or undefined when Nomad does not list it. */
export type NodeStatusOf = (node: string) => string | undefined;

export type WindowVerdict = 'hold' | 'over' | 'overdue';

export const WINDOW_KEEP_MS = 7 * 86_400_000;

/**
 * Where a window stands now. `graceMs` covers the watch's own lag after the operation saw the
 * node back (the next event or full read), so a finished reboot never flashes a "Node down".
 */
export function reviewWindow(w: MaintenanceWindow, statusOf: NodeStatusOf, now: number, graceMs: number): WindowVerdict {
  // Nomad forgets a down node after its GC threshold (24 h by default); a window never outlives a week.
  if (now > (w.endedAt ?? w.deadline) + WINDOW_KEEP_MS) return 'over';
  const status = statusOf(w.node);
  const ready = status === 'ready';
  const gone = status === undefined;
  if (w.overdueAt !== undefined) return ready || gone ? 'over' : 'overdue';
  if (w.endedAt === undefined) {
    if (now < w.deadline) return 'hold';
    return ready || gone ? 'over' : 'overdue';
  }
  if (ready || gone) return 'over';
  // A retired or deleted node stays `down` in Nomad until its node GC: that is the plan, not an outage.
  if (w.expect === 'gone' && w.outcome === 'succeeded') return 'hold';
  return now < w.endedAt + graceMs ? 'hold' : 'overdue';
}

/** The window that holds back an alert about its node (by the fact's `node` label or subject). */
export function windowFor(fact: Pick<AlertFact, 'subject' | 'labels'>, windows: readonly MaintenanceWindow[]): MaintenanceWindow | undefined {
  return windows.find((w) => w.overdueAt === undefined && (fact.labels.node === w.node || fact.subject === w.node));
}
