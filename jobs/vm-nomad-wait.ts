/**
 * Following a machine's Nomad client through a reboot, rebuild or first boot, with blocking
 * queries on the node table (no polling loops), bounded by the VM wait limit.
 */
import type { JobDeps, NomadNodeStub } from '../src/ports.js';
import { untilDeadline } from './follow.js';
import { vmSettings } from './vm-common.js';

export interface NodeWait {
  /** The node once ready; undefined when the time ran out. */
  node: NomadNodeStub | undefined;
  /** Where it stood at the end, for the message ("down", "not registered"). */
  last: string;
}

/**
 * Until the node called `name` is `ready` again after `sinceMs`: either it was seen not ready, or
 * Nomad recorded its status change after `sinceMs` (a reboot faster than the heartbeat TTL).
 * With `registerOnly`, any ready node of that name will do (a new machine's first registration).
 */
export async function waitNodeReady(deps: JobDeps, name: string, sinceMs: number, registerOnly = false): Promise<NodeWait> {
  const deadline = deps.now() + vmSettings(deps).timeoutMs;
  const since = Math.floor(sinceMs / 1000);
  let index = 0;
  let sawNotReady = false;
  let last = 'not registered';
  while (deps.now() < deadline) {
    const { data, meta } = await deps.nomad.nodes.list({ index, waitMs: untilDeadline(deadline, deps), ...(deps.shutdown ? { signal: deps.shutdown } : {}) });
    const node = data.find((n) => n.Name === name);
    last = node ? node.Status : 'not registered';
    if (node && node.Status !== 'ready') sawNotReady = true;
    if (node?.Status === 'ready') {
      if (registerOnly || sawNotReady) return { node, last };
      const full = await deps.nomad.nodes.read(node.ID);
      if ((full.data.StatusUpdatedAt ?? 0) >= since) return { node, last };
    }
    index = meta.lastIndex;
  }
  return { node: undefined, last };
}
