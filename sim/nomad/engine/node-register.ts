/** A client agent joining (a new VM's Nomad client registers) or leaving the cluster for good. */
import { randomUUID } from 'node:crypto';
import { nowRfc3339 } from '../ids.js';
import type { NomadNode } from '../types.js';
import type { SimCore } from './core.js';
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
