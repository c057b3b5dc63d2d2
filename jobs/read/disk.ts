/**
 * Nomad's own idea of a node's free disk, as the scheduler computes it (AllocsFit):
 * DiskMB − reserved − Σ ephemeral disk of the allocations that are not terminal.
 */
import type { NomadAllocationStub, NomadNodeStub, PageFold } from '../../src/ports.js';

/** Allocation.TerminalStatus(): desired stop/evict, or the client says complete/failed/lost. */
export const isTerminal = (a: Pick<NomadAllocationStub, 'DesiredStatus' | 'ClientStatus'>): boolean =>
  a.DesiredStatus === 'stop' || a.DesiredStatus === 'evict' || ['complete', 'failed', 'lost'].includes(a.ClientStatus);

/** The ephemeral disk (MB) an allocation holds: `AllocatedResources.Shared.DiskMB`. */
export function sharedDiskMB(a: { AllocatedResources?: unknown }): number {
  const shared = (a.AllocatedResources as { Shared?: { DiskMB?: unknown } | null } | null | undefined)?.Shared;
  return typeof shared?.DiskMB === 'number' ? shared.DiskMB : 0;
}

/** What a node's allocations that are not terminal hold. */
export interface NodeUsage {
  /** Allocations not terminal (pending, running, unknown). */
  live: number;
  running: number;
  /** Σ of their ephemeral disk, which Nomad subtracts from the node's disk. */
  diskMB: number;
}

type UsageAlloc = Pick<NomadAllocationStub, 'DesiredStatus' | 'ClientStatus'> & { AllocatedResources?: unknown };

const addUsage = (u: NodeUsage, a: UsageAlloc) => {
  if (isTerminal(a)) return;
  u.live += 1;
  if (a.ClientStatus === 'running') u.running += 1;
  u.diskMB += sharedDiskMB(a);
};

export function usageOf(allocs: readonly UsageAlloc[]): NodeUsage {
  const u = { live: 0, running: 0, diskMB: 0 };
  for (const a of allocs) addUsage(u, a);
  return u;
}

/** Folds a farm-wide allocation read (page by page) into usage per node ID. */
export const usageByNode: PageFold<UsageAlloc & { NodeID: string }, Map<string, NodeUsage>> = {
  start: () => new Map(),
  add(byNode, page) {
    for (const a of page) {
      let u = byNode.get(a.NodeID);
      if (!u) byNode.set(a.NodeID, (u = { live: 0, running: 0, diskMB: 0 }));
      addUsage(u, a);
    }
  },
};

export const NO_USAGE: NodeUsage = Object.freeze({ live: 0, running: 0, diskMB: 0 });

/** Undefined when the node list was read without `resources=true`. */
export function nomadFreeDiskMB(node: Pick<NomadNodeStub, 'NodeResources' | 'ReservedResources'>, liveDiskMB: number): number | undefined {
  const total = node.NodeResources?.Disk?.DiskMB;
  if (total === undefined) return undefined;
  const reserved = node.ReservedResources?.Disk?.DiskMB ?? 0;
  return total - reserved - liveDiskMB;
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
