/**
 * Disk-accounting drift, both ways. Clients that still report `unique.storage.bytesfree`
 * (Nomad < 1.11.1) get ALICE's nomad-diskfree rule exactly; newer clients get Nomad's own
 * accounting (DiskMB − reserved − ephemeral disk of live allocations) compared with the free
 * space the client measures now (`/v1/client/stats` AllocDirStats). A down node keeps its last
 * finding, inhibited by the node-down alert, so its drift is held back rather than "resolved".
 */
import type { ClusterModel, DiskMeasure, NodeState } from '../cluster-model.js';
import type { AlertFact } from '../facts.js';
import { checkDiskfree, cleanupCommand, toIec } from '../nomad-diskfree.js';
import type { DetectorMemory } from './memory.js';
import { nodeDownKey } from './node-down.js';

export interface DiskDriftOptions {
  thresholdBytes: number;
  marginBytes: number;
  directions: ReadonlyArray<'over' | 'under'>;
}

export function diskDriftFacts(model: ClusterModel, opts: DiskDriftOptions, memory: DetectorMemory, now: number): AlertFact[] {
  const facts: AlertFact[] = [];
  for (const node of model.nodes.values()) {
    const fact = node.attributes?.['unique.storage.bytesfree'] !== undefined ? diskfreeFact(model, node, opts) : measuredFact(model, node, opts);
    if (fact) facts.push({ ...fact, since: memory.since(fact.key, now) });
  }
  return facts;
}

/**
 * Drift alerts of current clients that cannot be judged yet: measured drift must show in two
 * readings in a row, so until a node has two (after a restart, or a lost reading) its alert is
 * neither confirmed nor resolved.
 */
export function undecidedDriftKeys(model: ClusterModel): string[] {
  const keys: string[] = [];
  for (const node of model.nodes.values()) {
    if (node.attributes?.['unique.storage.bytesfree'] !== undefined || node.status !== 'ready') continue;
    if (!model.disk.get(node.id)?.previous) keys.push(driftKey(node));
  }
  return keys;
}

const driftKey = (node: NodeState) => `disk-drift/${node.name}`;

type Unstamped = Omit<AlertFact, 'since'>;

function base(node: NodeState, severity: AlertFact['severity'], needsCleanup: boolean): Omit<Unstamped, 'summary' | 'evidence'> {
  return {
    key: driftKey(node),
    kind: 'disk-drift',
    severity,
    subject: node.name,
    suggestedActions: needsCleanup ? ['clean-up', 'mark-ineligible', 'silence'] : ['drain', 'mark-ineligible', 'silence'],
    labels: { node: node.name, datacenter: node.datacenter },
    inhibitedBy: [nodeDownKey(node.name)],
    ...(needsCleanup ? { command: cleanupCommand(node.name) } : {}),
  };
}

function runningText(model: ClusterModel, node: NodeState): string {
  const running = model
    .allocsOn(node.id)
    .filter((a) => a.clientStatus === 'running')
    .map((a) => a.name);
  return `${running.length === 1 ? 'An allocation is' : `${running.length} allocations are`} running there (${running.slice(0, 3).join(', ')}${running.length > 3 ? ', …' : ''}): no intervention needed right now; drain it first to clean up.`;
}

/** nomad-diskfree, rule for rule. */
function diskfreeFact(model: ClusterModel, node: NodeState, opts: DiskDriftOptions): Unstamped | undefined {
  const allocs = model.allocsOn(node.id).map((a) => ({ id: a.id, name: a.name, clientStatus: a.clientStatus }));
  const finding = checkDiskfree({ name: node.name, id: node.id, attributes: node.attributes }, allocs, opts.thresholdBytes);
  if (!finding) return undefined;
  const head = `Disk accounting drift on ${node.name}: Nomad thinks ${toIec(finding.bytesFree)} free of ${toIec(finding.bytesTotal)}; CI builders need ${toIec(opts.thresholdBytes)}.`;
  return {
    ...base(node, finding.needsIntervention ? 'warning' : 'info', finding.needsIntervention),
    summary: head,
    brief: `${node.name}: Nomad thinks ${toIec(finding.bytesFree)} free of ${toIec(finding.bytesTotal)}${finding.needsIntervention ? ' · needs cleanup now' : ''}`,
    // Not the script's own lines: they repeat the summary and end in "See below." with nothing below in an alert.
    evidence: [finding.needsIntervention ? 'No allocation is running there: needs cleanup now.' : runningText(model, node)],
  };
}

/** Which way a measurement departs from Nomad's accounting beyond the margin, if it does. */
function driftOf(m: DiskMeasure | undefined, opts: DiskDriftOptions): 'over' | 'under' | undefined {
  if (m?.nomadFreeBytes === undefined) return undefined;
  if (m.nomadFreeBytes - m.availableBytes > opts.marginBytes && opts.directions.includes('over')) return 'over';
  if (m.availableBytes - m.nomadFreeBytes > opts.marginBytes && opts.directions.includes('under')) return 'under';
  return undefined;
}

/**
 * Nomad's accounting against the measured free space, each pair as of one reading, beyond the
 * margin the same way in two readings in a row: a stopped allocation's dir stays on disk until the
 * client collects it, which is not drift.
 */
function measuredFact(model: ClusterModel, node: NodeState, opts: DiskDriftOptions): Unstamped | undefined {
  const reading = model.disk.get(node.id);
  const direction = driftOf(reading, opts);
  if (!reading || reading.nomadFreeBytes === undefined || !direction || driftOf(reading.previous, opts) !== direction) return undefined;
  const nomadFree = reading.nomadFreeBytes;
  const actual = reading.availableBytes;
  const over = direction === 'over';
  const needsCleanup = !model.allocsOn(node.id).some((a) => a.clientStatus === 'running');
  const consequence = over ? 'builders placed here may run out of disk' : 'CI builders are not placed here although the disk has room';
  return {
    ...base(node, over ? 'warning' : 'info', needsCleanup),
    summary: `Disk accounting drift on ${node.name}: Nomad thinks ${toIec(Math.max(0, nomadFree))} free, the disk has ${toIec(actual)} free; ${consequence}.`,
    brief: `${node.name}: Nomad thinks ${toIec(Math.max(0, nomadFree))} free, the disk has ${toIec(actual)}`,
    evidence: [
      needsCleanup ? 'No allocation is running there: needs cleanup now.' : runningText(model, node),
      `${toIec(Math.abs(nomadFree - actual))} ${over ? 'used by files no allocation accounts for' : 'more free than Nomad counts'} (margin ${toIec(opts.marginBytes)})`,
    ],
  };
}
