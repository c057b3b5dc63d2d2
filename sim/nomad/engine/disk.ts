/**
 * The disk a client measures (`/v1/client/stats` AllocDirStats, and what a client before 1.11.1
 * fingerprints at agent start): the volume's size, what live allocations fill of their ephemeral
 * disk, and what lies there that no allocation accounts for (leftover build areas).
 */
import { isTerminal } from '../scheduler/resources.js';
import type { NomadClusterState } from '../state/cluster-state.js';
import type { NomadNode } from '../types.js';

const MIB = 1024 * 1024;
/** How full a live allocation's ephemeral disk is, on average (build areas are big but not full). */
const ALLOC_DISK_FILL = 0.6;

/** Live allocations per node, rebuilt only when the cluster changed (a farm of 5,000 nodes asks 5,000 times). */
const liveByNode = new WeakMap<NomadClusterState, { index: number; byNode: Map<string, ReturnType<NomadClusterState['allocations']>> }>();

export function liveOn(state: NomadClusterState, nodeId: string): ReturnType<NomadClusterState['allocations']> {
  let cache = liveByNode.get(state);
  if (!cache || cache.index !== state.index) {
    const byNode = new Map<string, ReturnType<NomadClusterState['allocations']>>();
    for (const a of state.allocations()) {
      if (isTerminal(a)) continue;
      const list = byNode.get(a.NodeID);
      if (list) list.push(a);
      else byNode.set(a.NodeID, [a]);
    }
    cache = { index: state.index, byNode };
    liveByNode.set(state, cache);
  }
  return cache.byNode.get(nodeId) ?? [];
}

/** Size and used bytes of the node's alloc dir filesystem now. */
export function measuredDisk(state: NomadClusterState, node: NomadNode): { sizeBytes: number; usedBytes: number } {
  const disk = state.disks.get(node.ID) ?? { sizeBytes: node.NodeResources.Disk.DiskMB * MIB, untrackedUsedBytes: 0 };
  const allocBytes = liveOn(state, node.ID).reduce(
    (s, a) => s + Math.round(((a.AllocatedResources.Shared as { DiskMB?: number }).DiskMB ?? 0) * MIB * ALLOC_DISK_FILL),
    0,
  );
  return { sizeBytes: disk.sizeBytes, usedBytes: Math.min(disk.sizeBytes, disk.untrackedUsedBytes + allocBytes) };
}
