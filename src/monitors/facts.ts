/**
 * Alert facts: what a detector (or an external checker such as `/ci masters`) says is wrong now.
 * Facts are level-based: a detector reports everything that is wrong on every pass, and a fact
 * that is no longer reported is resolved.
 */

/** Kinds produced by the built-in detectors; external sources may add their own (e.g. `master-health`). */
export const BUILTIN_KINDS = ['node-down', 'node-unschedulable', 'builders-down', 'builder-restarts', 'disk-drift', 'remediation-failed'] as const;
export type BuiltinKind = (typeof BUILTIN_KINDS)[number];
export type AlertKind = BuiltinKind | (string & {});

export type AlertSeverity = 'critical' | 'warning' | 'info';

/** The safe next steps a button can offer; each goes through the normal approval. */
export type SuggestedAction = 'show-node' | 'show-vm' | 'show-masters' | 'drain' | 'mark-ineligible' | 'clean-up' | 'reboot-vm' | 'show-logs' | 'silence';

export interface AlertFact {
  /** Fingerprint: the same problem always has the same key, e.g. `node-down/alibuild07`. */
  key: string;
  kind: AlertKind;
  severity: AlertSeverity;
  /** The node or job name operators use. */
  subject: string;
  /** One line, in the operators' words. */
  summary: string;
  /** A shorter line for a group's list, where the kind is already said (default: summary). */
  brief?: string;
  /** Further lines (what Nomad says, which allocations, the cleanup command). */
  evidence: string[];
  /** Epoch ms when the problem started, as far as Nomad tells. */
  since: number;
  suggestedActions: SuggestedAction[];
  labels: Record<string, string>;
  /** Keys of alerts that, while firing, make this one redundant (builders of a down node). */
  inhibitedBy?: string[];
  /** A shell command the operator may run (shown as code), e.g. nomad-diskfree's cleanup. */
  command?: string;
}
