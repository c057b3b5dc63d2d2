/** Loads a scenario: registers the nodes, then each job, scheduled and running as if long deployed. */
import { markRunning } from './engine/alloc-objects.js';
import type { SimCore } from './engine/core.js';
import { processEval } from './engine/evals.js';
import { registerJob } from './engine/jobs.js';
import { spreadAllocations, type SpreadCursor } from './scenario/spread.js';
import { allocEvent, nodeEvent } from './engine/stream-events.js';
import type { NomadNode, NomadScenario, SimNodeDisk } from './types.js';
import { atLeast, BYTESFREE_REMOVED_IN, releaseOf } from './version.js';

const MIB = 1024 * 1024;

/**
 * A client never runs a newer Nomad than its servers (the upgrade guide: servers first). One the
 * scenario made newer runs the servers' version, and before 1.11.1 its storage fingerprint
 * reports the free space at agent start as `unique.storage.bytesfree` and as DiskMB
 * (client/fingerprint/storage.go before hashicorp/nomad#27019).
 */
function asOfServers(node: NomadNode, disk: SimNodeDisk, serverVersion: string): void {
  const own = releaseOf(node.Attributes['nomad.version'] ?? '');
  if (!own || atLeast(serverVersion, own)) return;
  node.Attributes['nomad.version'] = serverVersion;
  if (atLeast(serverVersion, BYTESFREE_REMOVED_IN) || node.Attributes['unique.storage.bytesfree'] !== undefined) return;
  const free = disk.sizeBytes - disk.untrackedUsedBytes;
  node.Attributes['unique.storage.bytesfree'] = String(free);
  node.Attributes['unique.storage.bytestotal'] = String(disk.sizeBytes);
  node.NodeResources.Disk.DiskMB = Math.floor(free / MIB);
}

export function loadScenario(core: SimCore, scenario: NomadScenario, serverVersion: string): void {
  const { state } = core;
  for (const { node, disk } of scenario.nodes) {
    const index = state.nextIndex();
    const copy = structuredClone(node);
    asOfServers(copy, disk, serverVersion);
    copy.CreateIndex = index;
    copy.ModifyIndex = index;
    for (const e of copy.Events) e.CreateIndex = index;
    state.nodes.set(copy.ID, copy);
    state.disks.set(copy.ID, { ...disk });
    state.commit(index, ['nodes'], [nodeEvent('NodeRegistration', copy)]);
  }
  const cursor: SpreadCursor = { next: 0 };
  for (const job of scenario.jobs) {
    const out = registerJob(core, job);
    if (out.EvalID === '') continue;
    if (scenario.spread) spreadAllocations(core, String(job.ID), out.EvalID, state.nextIndex(), cursor);
    else processEval(core, out.EvalID);
  }
  const index = state.nextIndex();
  const started = [...state.allocs.values()].filter((a) => a.ClientStatus === 'pending' && a.DesiredStatus === 'run');
  for (const a of started) markRunning(a, index);
  for (const r of state.records.values()) {
    r.summaryModifyIndex = index;
    r.job.Status = r.job.Stop ? 'dead' : 'running';
  }
  // The clients report their allocations running (Node.UpdateAlloc batches them): the event buffer a
  // new subscriber replays must end with the state a read shows. A spread farm has been running for
  // long: its allocations' events left the buffer long ago (and 200,000 of them in one batch would
  // be a line of hundreds of MB that no real agent sends).
  state.commit(index, ['allocs', 'job_summary', 'jobs'], scenario.spread ? [] : started.map((a) => allocEvent('AllocationUpdated', a)));
}
