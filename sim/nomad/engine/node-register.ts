/** A client agent joining (a new VM's Nomad client registers) or leaving the cluster for good. */
import { randomUUID } from 'node:crypto';
import { nowRfc3339 } from '../ids.js';
import type { NomadNode } from '../types.js';
import type { SimCore } from './core.js';
import { measuredDisk } from './disk.js';
import { nodeMessage } from './node-events.js';
import { setNodeStatus } from './nodes.js';
import { nodeEvent } from './stream-events.js';

/**
 * Registers a node named `name`, shaped like the existing node `like` (same class, resources,
 * datacenter unless given): what a freshly installed build machine's Nomad client does.
 */
export function registerNode(core: SimCore, name: string, like: NomadNode, datacenter?: string): NomadNode {
  const { state } = core;
  if (state.node(name)) throw new Error(`registerNode: a node named ${name} exists already`);
  const index = state.nextIndex();
  const node: NomadNode = structuredClone(like);
  Object.assign(node, {
    ID: randomUUID(),
    Name: name,
    Datacenter: datacenter ?? like.Datacenter,
    Status: 'ready',
    StatusUpdatedAt: Math.floor(Date.now() / 1000),
    Drain: false,
    DrainStrategy: null,
    LastDrain: null,
    SchedulingEligibility: 'eligible',
    Events: [{ Message: 'Node registered', Subsystem: 'Cluster', Details: null, Timestamp: nowRfc3339(), CreateIndex: index }],
    CreateIndex: index,
    ModifyIndex: index,
  });
  node.Attributes = { ...like.Attributes, 'unique.hostname': `${name}.cern.ch` };
  state.nodes.set(node.ID, node);
  const disk = state.disks.get(like.ID);
  if (disk) state.disks.set(node.ID, { ...disk, untrackedUsedBytes: 0 });
  state.commit(index, ['nodes'], [nodeEvent('NodeRegistration', node)]);
  core.capacityFreed();
  return node;
}

/** `nomad node purge`: the node is down (allocations lost), then forgotten. */
export function removeNode(core: SimCore, node: NomadNode): void {
  const { state } = core;
  setNodeStatus(core, node, 'down');
  const index = state.nextIndex();
  state.nodes.delete(node.ID);
  state.disks.delete(node.ID);
  state.commit(index, ['nodes'], [nodeEvent('NodeDeregistration', node)]);
}

const MIB = 1024 * 1024;

/**
 * `systemctl restart nomad` on a client: the agent registers again as `initializing`
 * (hashicorp/nomad client/client.go: setupNode sets NodeStatusInit, registerNode sends it) and,
 * fingerprinted, heartbeats `ready` (updateNodeStatus). A client before 1.11.1 fingerprints the
 * free disk anew (`unique.storage.bytesfree`, DiskMB, client/fingerprint/storage.go): this is how
 * the runbook's restart resets Nomad's idea of free space. Running allocations are restored.
 */
export function restartClient(core: SimCore, node: NomadNode): void {
  const { state } = core;
  const index = state.nextIndex();
  node.Status = 'initializing';
  node.StatusUpdatedAt = Math.floor(Date.now() / 1000);
  node.ModifyIndex = index;
  state.commit(index, ['nodes'], [nodeEvent('NodeRegistration', node)]);
  core.later(core.timing.clientRestartMs, () => {
    if (!state.nodes.has(node.ID) || node.Status !== 'initializing') return;
    if (node.Attributes['unique.storage.bytesfree'] !== undefined) {
      const { sizeBytes, usedBytes } = measuredDisk(state, node);
      node.Attributes['unique.storage.bytesfree'] = String(sizeBytes - usedBytes);
      node.Attributes['unique.storage.bytestotal'] = String(sizeBytes);
      node.NodeResources.Disk.DiskMB = Math.floor((sizeBytes - usedBytes) / MIB);
    }
    const ready = state.nextIndex();
    node.Status = 'ready';
    node.StatusUpdatedAt = Math.floor(Date.now() / 1000);
    node.ModifyIndex = ready;
    nodeMessage(node, 'Cluster', 'Node re-registered', ready);
    state.commit(ready, ['nodes'], [nodeEvent('NodeStreamEvent', node)]);
    core.capacityFreed();
  });
}
