/** The cluster watch's model as `/ci nodes` lists it: each node with what runs there, computed when asked. */
import { type ClusterModel, isTerminal } from './cluster-model.js';

/** One node as `/ci nodes` lists it. */
export interface FarmNode {
  id: string;
  name: string;
  datacenter: string;
  /** '' when the node has no class. */
  nodeClass: string;
  /** ready, down, disconnected, initializing. */
  status: string;
  eligibility: string;
  drain: boolean;
  /** The client's Nomad version, '' when unknown. */
  version: string;
  /** Allocations running there now. */
  running: number;
  /** Σ ephemeral disk (MB) of its allocations that are not terminal. */
  liveDiskMB: number;
  /** NodeResources.Disk.DiskMB and ReservedResources.Disk.DiskMB, when known. */
  diskMB?: number | undefined;
  reservedDiskMB?: number | undefined;
}

export function farmNodes(model: ClusterModel): FarmNode[] {
  const out: FarmNode[] = [];
  for (const n of model.nodes.values()) {
    let running = 0;
    let liveDiskMB = 0;
    for (const a of model.allocsOn(n.id)) {
      if (isTerminal(a)) continue;
      liveDiskMB += a.diskMB;
      if (a.clientStatus === 'running') running += 1;
    }
    out.push({
      id: n.id,
      name: n.name,
      datacenter: n.datacenter,
      nodeClass: n.nodeClass,
      status: n.status,
      eligibility: n.eligibility,
      drain: n.drain,
      version: n.version,
      running,
      liveDiskMB,
      diskMB: n.diskMB,
      reservedDiskMB: n.reservedDiskMB,
    });
  }
  return out;
}
