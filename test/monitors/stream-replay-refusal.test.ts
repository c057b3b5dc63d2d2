/**
 * Issue 13 point 6 for the cluster watch: a first connection replays Nomad's event buffer, which
 * must not take the model back in time after a full read; and a stream Nomad refuses (from 2.0: a
 * 200 closed before any line) is recognised, named with the ACL it needs, and retried with a
 * growing backoff.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startNomadSim, type NomadSim } from '../../sim/nomad/index.js';
import { systemClock } from '../../src/clock.js';
import { MonitorsConfig } from '../../src/monitors/config.js';
import { ClusterWatcher } from '../../src/monitors/watcher.js';
import { followEventStream } from '../../src/nomad/event-stream.js';
import { createNomad, nomadSettingsFromEnv, type Nomad } from '../../src/nomad/index.js';
import { eventually } from '../support/eventually.js';
import { startNomadProxy, type NomadProxy } from './proxy.js';
import { fastConfig, silentLog } from './world.js';

let sim: NomadSim | undefined;
let proxy: NomadProxy | undefined;
let nomad: Nomad | undefined;
let watcher: ClusterWatcher | undefined;
let stop = new AbortController();
beforeEach(() => {
  stop = new AbortController();
});
afterEach(async () => {
  stop.abort();
  await watcher?.stop();
  await nomad?.close();
  await proxy?.close();
  await sim?.close();
});

describe('the event buffer replayed to a first connection', () => {
  it('does not take the model back in time after a full read', async () => {
    sim = await startNomadSim({ timing: { allocStartMs: 20, evalCompleteMs: 5, eventHeartbeatMs: 200 } });
    sim.controls.nodeDown('alibuild07'); // before the bot starts: these events sit in Nomad's buffer
    sim.controls.nodeUp('alibuild07');
    await sim.controls.settled();
    proxy = await startNomadProxy(sim.url);
    proxy.holdStreams(); // the stream connects only after the first full read
    nomad = createNomad(nomadSettingsFromEnv({ NOMAD_ADDR: proxy.url }));
    const id07 = sim.state.node('alibuild07')!.ID;
    const id08 = sim.state.node('alibuild08')!.ID;
    const seenAfterRead: string[] = [];
    const w = new ClusterWatcher(
      nomad,
      MonitorsConfig.parse(fastConfig),
      silentLog,
      () => {
        if (w.model.loaded) seenAfterRead.push(w.model.nodes.get(id07)?.status ?? 'missing');
      },
      systemClock,
    );
    watcher = w;
    w.start();
    await eventually(() => w.model.loaded, 10_000, 'the first full read');
    expect(w.model.nodes.get(id07)?.status).toBe('ready');
    proxy.releaseStreams();
    sim.controls.nodeDown('alibuild08'); // newer than the buffer: once it is in, the replay was handled
    await eventually(() => w.model.nodes.get(id08)?.status === 'down', 10_000, 'the new event');
    expect(seenAfterRead).not.toContain('down');
    expect(w.model.nodes.get(id07)?.status).toBe('ready');
  });
});

describe('a stream Nomad refuses', () => {
  it('from 2.0 (200, then closed): recognised after a few empty closes, naming the ACL, with a growing backoff', async () => {
    sim = await startNomadSim({ serverVersion: '2.0.6', acl: { tokens: { 'mgmt-token': 'management' } } });
    nomad = createNomad(nomadSettingsFromEnv({ NOMAD_ADDR: sim.url, NOMAD_TOKEN: 'unknown-token' }));
    const delays: number[] = [];
    const problems: (string | undefined)[] = [];
    void followEventStream(nomad.client, {
      topics: ['Node', 'Allocation', 'Job'],
      signal: stop.signal,
      onEvents: () => undefined,
      onRefused: (p) => void problems.push(p),
      backoff: { initialMs: 500, maxMs: 30_000 },
      random: () => 1,
      sleep: async (ms) => void delays.push(ms),
    });
    await eventually(() => delays.length >= 8, 5_000, 'eight closed connections');
    stop.abort();
    expect(delays.slice(0, 8)).toEqual([500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    expect(problems).toEqual([
      'Nomad keeps closing the event stream before sending anything, not even a heartbeat: since Nomad 2.0 that is how it refuses a token; the bot\'s token needs node { policy = "read" } and read-job in namespace default',
    ]);
  });

  it('before 2.0 (403): recognised at once, and cleared when the stream is served again', async () => {
    sim = await startNomadSim({ serverVersion: '1.11.2', acl: { tokens: { 'mgmt-token': 'management' } } });
    sim.controls.failNext({ status: 403, body: 'Permission denied', count: 2, pathPrefix: '/v1/event/stream' });
    nomad = createNomad(nomadSettingsFromEnv({ NOMAD_ADDR: sim.url, NOMAD_TOKEN: 'mgmt-token' }));
    const problems: (string | undefined)[] = [];
    void followEventStream(nomad.client, {
      topics: ['Node'],
      signal: stop.signal,
      onEvents: () => undefined,
      onRefused: (p) => void problems.push(p),
      sleep: async () => undefined,
    });
    await eventually(() => problems.length >= 2, 5_000, 'refused, then served');
    expect(problems).toEqual(['Nomad refuses the event stream (HTTP 403: Permission denied); the bot\'s token needs node { policy = "read" }', undefined]);
  });
});
