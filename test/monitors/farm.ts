/** Scenarios for the watch tests: a big farm for storms, a tight one where lost builders cannot move. */
import { IdGenerator } from '../../sim/nomad/ids.js';
import { ciJob } from '../../sim/nomad/scenario/alice-jobs.js';
import { machine } from '../../sim/nomad/scenario/node-template.js';
import type { NomadScenario, NomadScenarioNode } from '../../sim/nomad/types.js';

const TIB_FS = 1_081_101_176_832;

function builders(count: number, datacenter: (i: number) => string, ids: IdGenerator, diskBytes = TIB_FS): NomadScenarioNode[] {
  return Array.from({ length: count }, (_, i) =>
    machine({
      id: ids.uuid(),
      name: `alibuild${String(i + 1).padStart(count > 99 ? 3 : 2, '0')}`,
      datacenter: datacenter(i),
      nodeClass: 'builder',
      kernel: 'linux',
      ip: `10.162.${34 + Math.floor(i / 200)}.${(i % 200) + 10}`,
      cores: 32,
      mhz: 2450,
      memoryMB: 65_536,
      reservedMemoryMB: 1024,
      diskBytes,
      untrackedUsedBytes: 0,
      nomadVersion: '1.11.2',
      meta: { allow_compilation: 'true' },
      drivers: ['docker', 'exec'],
    }),
  );
}

/** `count` current (1.11.2) builders; the first `inB` in cern-b, the rest in cern-a. */
export function bigFarm(count: number, inB: number, numBuilders = 4): NomadScenario {
  const ids = new IdGenerator(0xb16);
  return {
    region: 'global',
    servers: ['alimesos01', 'alimesos02', 'alimesos03'],
    nodes: builders(count, (i) => (i < inB ? 'cern-b' : 'cern-a'), ids),
    jobs: [ciJob('mesosci', 'cs8', '', numBuilders)],
    seed: 0xb16,
  };
}

/**
 * Two builders with 300 GiB disks: each holds exactly one 240 GiB builder, so a builder lost with
 * its node has nowhere to go.
 */
export function tightFarm(): NomadScenario {
  const ids = new IdGenerator(0x71947);
  return {
    region: 'global',
    servers: ['alimesos01', 'alimesos02', 'alimesos03'],
    nodes: builders(2, () => 'cern-a', ids, 300 * 1024 ** 3),
    jobs: [ciJob('mesosci', 'cs8', '', 2)],
    seed: 0x71947,
  };
}
