/**
 * Nomad's own idea of a node's free disk, as the scheduler computes it (AllocsFit):
 * DiskMB − reserved − Σ ephemeral disk of the allocations that are not terminal.
 */
import type { NomadAllocationStub, NomadNodeStub } from '../../src/ports.js';

/** Allocation.TerminalStatus(): desired stop/evict, or the client says complete/failed/lost. */
export const isTerminal = (a: Pick<NomadAllocationStub, 'DesiredStatus' | 'ClientStatus'>): boolean =>
  a.DesiredStatus === 'stop' || a.DesiredStatus === 'evict' || ['complete', 'failed', 'lost'].includes(a.ClientStatus);

/** The ephemeral disk (MB) an allocation holds: `AllocatedResources.Shared.DiskMB`. */
export function sharedDiskMB(a: { AllocatedResources?: unknown }): number {
  const shared = (a.AllocatedResources as { Shared?: { DiskMB?: unknown } | null } | null | undefined)?.Shared;
  return typeof shared?.DiskMB === 'number' ? shared.DiskMB : 0;
}

/** Undefined when the node list was read without `resources=true`. */
export function nomadFreeDiskMB(node: Pick<NomadNodeStub, 'NodeResources' | 'ReservedResources'>, liveAllocs: readonly { AllocatedResources?: unknown }[]): number | undefined {
  const total = node.NodeResources?.Disk?.DiskMB;
  if (total === undefined) return undefined;
  const reserved = node.ReservedResources?.Disk?.DiskMB ?? 0;
  return total - reserved - liveAllocs.reduce((sum, a) => sum + sharedDiskMB(a), 0);
}

/** Sizes as `nomad-diskfree` prints them (`to_iec`): 240.0G, 1.0T. */
export function iec(mb: number): string {
  let v = mb * 1024 * 1024;
  const units = ['', 'K', 'M', 'G', 'T', 'P'];
  let i = 0;
  while (Math.abs(v) > 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${v.toFixed(1)}${units[i]}`;
}
