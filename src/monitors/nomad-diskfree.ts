/**
 * ALICE's `nomad-diskfree` (alisw/ali-bot utils/nomad-diskfree), rule for rule: a client that still
 * reports `unique.storage.bytesfree` (Nomad < 1.11.1 fingerprints it once, at agent start) is
 * flagged when Nomad's free figure is too small for a CI builder although the disk is big enough
 * and not empty. Cleanup is only safe, and only urgent, when no allocation runs there.
 */

import { DISKFREE_THRESHOLD, diskfreeFlags, diskfreeHost, parseAttributeInteger, toIec } from '../operations/nomad-diskfree.js';

export { DISKFREE_THRESHOLD, EMPTY_DISK_BUFFER, GIB, cleanupCommand, diskfreeFlags, diskfreeHost, toIec } from '../operations/nomad-diskfree.js';

export interface DiskfreeAlloc {
  id: string;
  name: string;
  clientStatus: string;
}

export interface DiskfreeFinding {
  host: string;
  bytesFree: number;
  bytesTotal: number;
  /** No allocation on the host is `running`. */
  needsIntervention: boolean;
  /** The lines the script prints for this host. */
  lines: string[];
}

/**
 * Applies the rule to one node; undefined when the node does not report both attributes (newer
 * clients, where the script would fail with KeyError) or is not flagged.
 */
export function checkDiskfree(
  node: { name: string; id: string; attributes: Record<string, string> | null | undefined },
  allocs: DiskfreeAlloc[],
  threshold = DISKFREE_THRESHOLD,
): DiskfreeFinding | undefined {
  const free = parseAttributeInteger(node.attributes?.['unique.storage.bytesfree']);
  const total = parseAttributeInteger(node.attributes?.['unique.storage.bytestotal']);
  if (free === undefined || total === undefined || !diskfreeFlags(free, total, threshold)) return undefined;
  const host = diskfreeHost(node.name);
  const needsIntervention = !allocs.some((a) => a.clientStatus === 'running');
  const lines = [
    `Nomad thinks we have ${toIec(free)} available space of ${toIec(total)} on ${host} (${node.id.slice(0, 8)})`,
    ...allocs.map((a) => `\t-> alloc on this host: ${a.id.slice(0, 8)} ${a.name} (${a.clientStatus})`),
    needsIntervention ? '\t-> needs intervention now! See below.' : '\t-> no intervention needed right now (have a running alloc)',
  ];
  return { host, bytesFree: free, bytesTotal: total, needsIntervention, lines };
}
