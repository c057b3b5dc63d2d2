/**
 * What a full read costs on a big farm: node lists in pages, a node read in full only when its
 * details matter, and allocations kept as compact records with the fields the detectors use.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/clock.js';
import { MonitorsConfig } from '../../src/monitors/config.js';
import { ClusterWatcher } from '../../src/monitors/watcher.js';
import { createNomad, nomadSettingsFromEnv, type Nomad } from '../../src/nomad/index.js';
import { startNomadSim, type NomadSim } from '../../sim/nomad/index.js';
import { bigFarm } from '../e2e/farm-500.js';
import { silentLog } from './world.js';

describe('full reads of a farm of current clients (Nomad 1.11.2)', () => {
  let sim: NomadSim;
  let nomad: Nomad;
  let watcher: ClusterWatcher;
  const fullReads = () => [...sim.state.nodes.keys()].reduce((n, id) => n + sim.state.requestCount(`GET /v1/node/${id}`), 0);
  beforeAll(async () => {
    sim = await startNomadSim({ scenario: bigFarm(60, 3, 40) });
    nomad = createNomad(nomadSettingsFromEnv({ NOMAD_ADDR: sim.url }));
    watcher = new ClusterWatcher(nomad, MonitorsConfig.parse({}), silentLog, () => undefined, systemClock);
  });
  afterAll(async () => {
    await watcher?.stop();
    await nomad?.close();
    await sim?.close();
  });

  it('reads no node in full while every node is ready and eligible: the list says all the detectors need', async () => {
    await watcher.reconcile();
    expect(watcher.model.loaded).toBe(true);
    expect(watcher.model.nodes.size).toBe(60);
    expect(fullReads()).toBe(0);
    const n = watcher.model.nodes.get(sim.state.node('alibuild001')!.ID)!;
    expect([n.nodeClass, n.version, n.datacenter, n.diskMB]).toEqual(['big', '1.11.2', 'cern-a', 1024 * 1024]);
  });

  it('reads in full the nodes that are down or take no work, once per change', async () => {
    sim.controls.nodeDown('alibuild007');
    sim.controls.setNodeEligibility('alibuild008', 'ineligible');
    await watcher.reconcile();
    expect(fullReads()).toBe(2);
    expect(sim.state.requestCount(`GET /v1/node/${sim.state.node('alibuild007')!.ID}`)).toBe(1);
    await watcher.reconcile();
    expect(fullReads()).toBe(2);
    const down = watcher.model.nodes.get(sim.state.node('alibuild007')!.ID)!;
    expect(down.status).toBe('down');
    // StatusUpdatedAt of the full read, not the moment the watch noticed.
    expect(down.statusSince).toBe(Number(sim.state.node('alibuild007')!.StatusUpdatedAt) * 1000);
  });

  it('keeps each allocation as a compact record, and one shared empty list for the restarts it never had', () => {
    const allocs = [...watcher.model.allocs.values()];
    expect(allocs).toHaveLength(sim.state.allocs.size);
    expect(Object.keys(allocs[0]!).sort()).toEqual(
      [
        'clientStatus',
        'desiredStatus',
        'diskMB',
        'id',
        'jobId',
        'lastEvent',
        'modifyTime',
        'name',
        'nodeId',
        'nodeName',
        'restartTimes',
        'restarts',
        'taskGroup',
      ].sort(),
    );
    expect(new Set(allocs.map((a) => a.restartTimes)).size).toBe(1);
    // The per-node index agrees with the allocations, and follows them.
    const node = allocs[0]!.nodeId;
    expect(
      watcher.model
        .allocsOn(node)
        .map((a) => a.id)
        .sort(),
    ).toEqual(
      allocs
        .filter((a) => a.nodeId === node)
        .map((a) => a.id)
        .sort(),
    );
  });
});

describe('full reads of a farm of clients older than 1.11.1', () => {
  it('reads every node in full once (for unique.storage.bytesfree), then only the nodes that changed', async () => {
    const sim = await startNomadSim({ scenario: bigFarm(12, 1, 12), serverVersion: '1.10.5' });
    const nomad = createNomad(nomadSettingsFromEnv({ NOMAD_ADDR: sim.url }));
    const watcher = new ClusterWatcher(nomad, MonitorsConfig.parse({}), silentLog, () => undefined, systemClock);
    const fullReads = () => [...sim.state.nodes.keys()].reduce((n, id) => n + sim.state.requestCount(`GET /v1/node/${id}`), 0);
    try {
      await watcher.reconcile();
      expect(fullReads()).toBe(12);
      expect([...watcher.model.nodes.values()].every((n) => n.attributes?.['unique.storage.bytesfree'] !== undefined)).toBe(true);
      await watcher.reconcile();
      expect(fullReads()).toBe(12);
    } finally {
      await watcher.stop();
      await nomad.close();
      await sim.close();
    }
  });
});
