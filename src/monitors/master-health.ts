/**
 * Master health as alert facts (seed 002's checklist): a problem on a master fires a critical
 * alert with that master's buttons, a lost quorum fires one for the masters, a fix resolves it.
 * The checklist itself is `/ci masters`' (jobs/read/masters.ts); src/main.ts hands it in as `check`.
 */
import type { AlertFact, SuggestedAction } from './facts.js';

/** One master's row of the checklist, as `/ci masters` shows it. */
export interface MasterHealthRow {
  name: string;
  nomad: string;
  consul: string;
  vault: string;
  problems: string[];
}

export interface MasterHealthReport {
  rows: MasterHealthRow[];
  /** Problems of the masters as a whole (a missing leader, a lost quorum). */
  quorum: string[];
}

/** Runs the checklist; the watch's leader calls it every `everyMs`. */
export interface MasterHealthCheck {
  check(): Promise<MasterHealthReport>;
  everyMs: number;
}

export const MASTER_HEALTH_KIND = 'master-health';

const PER_MASTER: SuggestedAction[] = ['show-vm', 'reboot-vm', 'show-masters', 'silence'];
const FOR_ALL: SuggestedAction[] = ['show-masters', 'silence'];

/** The facts of one report: one per master with problems, one per quorum problem. */
export function masterHealthFacts(report: MasterHealthReport, now: number): AlertFact[] {
  const perMaster = report.rows
    .filter((r) => r.problems.length)
    .map(
      (r): AlertFact => ({
        key: `${MASTER_HEALTH_KIND}/${r.name}`,
        kind: MASTER_HEALTH_KIND,
        severity: 'critical',
        subject: r.name,
        summary: `Master ${r.name}: ${r.problems.join('; ')}`,
        evidence: [`Nomad ${r.nomad} · Consul ${r.consul} · Vault ${r.vault}`],
        since: now,
        suggestedActions: PER_MASTER,
        labels: { node: r.name },
      }),
    );
  const quorum = report.quorum.map(
    (q): AlertFact => ({
      key: `${MASTER_HEALTH_KIND}/quorum/${q}`,
      kind: MASTER_HEALTH_KIND,
      severity: 'critical',
      subject: 'masters',
      summary: q,
      evidence: [],
      since: now,
      suggestedActions: FOR_ALL,
      labels: {},
    }),
  );
  return [...perMaster, ...quorum];
}
