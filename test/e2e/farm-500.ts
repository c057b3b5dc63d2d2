/** A farm of 500 nodes and 5,000 allocations for the "answers within seconds" checks. */
import { IdGenerator } from '../../sim/nomad/ids.js';
import { machine } from '../../sim/nomad/scenario/node-template.js';
import type { JsonObject, NomadScenario } from '../../sim/nomad/index.js';

const GIB = 1024 ** 3;

export function bigFarm(nodes = 500, jobs = 10, perJob = 500): NomadScenario {
  const ids = new IdGenerator(0xb16);
  const dcs = ['cern-a', 'cern-b', 'cern-c', 'cern-d'];
  const farm = Array.from({ length: nodes }, (_, i) =>
    machine({
      id: ids.uuid(),
      name: `alibuild${String(i + 1).padStart(3, '0')}`,
      datacenter: dcs[i % dcs.length]!,
      nodeClass: i % 10 === 0 ? 'big' : 'builder',
      kernel: 'linux',
      ip: `10.162.${34 + Math.floor(i / 250)}.${(i % 250) + 1}`,
      cores: 32,
      mhz: 2450,
      memoryMB: 65_536,
      reservedMemoryMB: 1024,
      diskBytes: 1024 * GIB,
      untrackedUsedBytes: 0,
      nomadVersion: '1.11.2',
      meta: { allow_compilation: 'true' },
      drivers: ['docker'],
    }),
  );
  const job = (n: number): JsonObject => ({
    ID: `batch-${n}`,
    Name: `batch-${n}`,
    Namespace: 'default',
    Region: 'global',
    Type: 'service',
    Priority: 50,
    Datacenters: dcs,
    NodePool: 'default',
    TaskGroups: [
      {
        Name: 'work',
        Count: perJob,
        EphemeralDisk: { SizeMB: 1024 },
        Tasks: [{ Name: 'worker', Driver: 'docker', Config: { image: 'busybox' }, Resources: { CPU: 100, MemoryMB: 128 } }],
      },
    ],
  });
  return {
    region: 'global',
    servers: ['alimesos01', 'alimesos02', 'alimesos03'],
    nodes: farm,
    jobs: Array.from({ length: jobs }, (_, n) => job(n)),
    seed: 0xb16,
    spread: true,
  };
}
