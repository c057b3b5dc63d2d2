/**
 * The ALICE build farm's client nodes. Builders differ in disk the way the runbook describes:
 * some have a 1 TiB build disk on a current Nomad (DiskMB = total), some only 500 GB, and some
 * run an older Nomad whose DiskMB was fingerprinted at agent start with leftover build areas
 * on disk (the drift `nomad-diskfree` looks for; alibuild10 is the case needing intervention).
 */
import type { IdGenerator } from '../ids.js';
import type { NomadScenarioNode } from '../types.js';
import { machine } from './node-template.js';

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;
const TIB_FS = 1_081_101_176_832; // a 1 TiB volume after filesystem overhead
const GB500_FS = 492_093_843_456; // a 500 GB volume after filesystem overhead

type Disk = { kind: 'current' | 'old'; sizeBytes: number; freeAtStartMiB?: number; untrackedBytes?: number };

/** name, datacenter, disk, meta.allow_compilation */
const BUILDERS: Array<[string, string, Disk, boolean]> = [
  ['alibuild01', 'cern-a', { kind: 'current', sizeBytes: TIB_FS }, true],
  ['alibuild02', 'cern-a', { kind: 'old', sizeBytes: TIB_FS, freeAtStartMiB: 700_000 }, true],
  ['alibuild03', 'cern-a', { kind: 'old', sizeBytes: GB500_FS, freeAtStartMiB: 465_000 }, true],
  ['alibuild04', 'cern-a', { kind: 'current', sizeBytes: TIB_FS }, false],
  ['alibuild05', 'cern-b', { kind: 'current', sizeBytes: TIB_FS }, true],
  ['alibuild06', 'cern-b', { kind: 'old', sizeBytes: TIB_FS, freeAtStartMiB: 520_000 }, true],
  ['alibuild07', 'cern-b', { kind: 'old', sizeBytes: GB500_FS, freeAtStartMiB: 465_000 }, true],
  ['alibuild08', 'cern-b', { kind: 'current', sizeBytes: TIB_FS }, false],
  ['alibuild09', 'cern-c', { kind: 'current', sizeBytes: TIB_FS }, true],
  // Fingerprinted with 200 GiB free; the build areas were cleaned since, but Nomad still thinks the disk is full.
  ['alibuild10', 'cern-c', { kind: 'old', sizeBytes: TIB_FS, freeAtStartMiB: 204_800, untrackedBytes: 50 * GIB }, true],
  ['alibuild11', 'cern-c', { kind: 'old', sizeBytes: TIB_FS, freeAtStartMiB: 760_000 }, true],
  ['alibuild12', 'cern-c', { kind: 'old', sizeBytes: GB500_FS, freeAtStartMiB: 465_000 }, false],
];

export function aliceNodes(ids: IdGenerator): NomadScenarioNode[] {
  const builders = BUILDERS.map(([name, dc, disk, allow], i) => {
    const free = disk.freeAtStartMiB !== undefined ? disk.freeAtStartMiB * MIB : undefined;
    return machine({
      id: ids.uuid(),
      name,
      datacenter: dc,
      nodeClass: 'builder',
      kernel: 'linux',
      ip: `10.162.34.${101 + i}`,
      cores: 32,
      mhz: 2450,
      memoryMB: 65_536,
      reservedMemoryMB: 1024,
      diskBytes: disk.sizeBytes,
      ...(free !== undefined ? { freeAtStartBytes: free } : {}),
      untrackedUsedBytes: disk.untrackedBytes ?? (free !== undefined ? disk.sizeBytes - free : 0),
      nomadVersion: disk.kind === 'current' ? '1.11.2' : '1.10.5',
      meta: { allow_compilation: allow ? 'true' : 'false', 'connect.log_level': 'info' },
      drivers: ['docker', 'exec'],
    });
  });
  const macs = [1, 2, 3].map((n) =>
    machine({
      id: ids.uuid(),
      name: `alimac0${n}`,
      datacenter: 'cern-a',
      nodeClass: 'mac',
      kernel: 'darwin',
      ip: `10.162.36.${10 + n}`,
      cores: 12,
      mhz: 3200,
      memoryMB: 32_768,
      reservedMemoryMB: 2048,
      diskBytes: GB500_FS,
      freeAtStartBytes: 400 * GIB,
      untrackedUsedBytes: GB500_FS - 400 * GIB,
      nomadVersion: '1.10.5',
      meta: { allow_compilation: 'true' },
      drivers: ['raw_exec'],
    }),
  );
  return [...builders, ...macs];
}
