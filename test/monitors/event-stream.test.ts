import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startNomadSim, type NomadSim } from '../../sim/nomad/index.js';
import { EventStreamStalledError, followEventStream } from '../../src/nomad/event-stream.js';
import { createNomad, nomadSettingsFromEnv, type Nomad } from '../../src/nomad/index.js';
import type { NomadEvent } from '../../src/nomad/schemas/events.js';
import { eventually } from '../support/eventually.js';
import { startNomadProxy, type NomadProxy } from './proxy.js';

let sim: NomadSim;
let proxy: NomadProxy | undefined;
let nomad: Nomad;
let stop: AbortController;
beforeEach(() => {
  stop = new AbortController();
});
afterEach(async () => {
  stop.abort();
  await nomad?.close();
  await proxy?.close();
  await sim?.close();
});

async function start(withProxy: boolean, heartbeatMs = 100) {
  sim = await startNomadSim({ timing: { allocStartMs: 20, evalCompleteMs: 5, eventHeartbeatMs: heartbeatMs } });
  proxy = withProxy ? await startNomadProxy(sim.url) : undefined;
  nomad = createNomad(nomadSettingsFromEnv({ NOMAD_ADDR: proxy?.url ?? sim.url }));
  startedAt = sim.state.index;
}

/** The simulator's index when the test started: a first connection also replays Nomad's event buffer, older than this. */
let startedAt = 0;
const nodeEvents = (events: NomadEvent[], name: string) =>
  events.filter((e) => e.Index > startedAt && e.Topic === 'Node' && (e.Payload.Node as { Name?: string }).Name === name);

describe('followEventStream', () => {
  it('delivers events with their index, counts heartbeats, and stops on abort', async () => {
    await start(false, 50);
    const seen: NomadEvent[] = [];
    let heartbeats = 0;
    const done = followEventStream(nomad.client, {
      topics: ['Node', 'Allocation'],
      signal: stop.signal,
      onEvents: (events) => void seen.push(...events),
      onHeartbeat: () => void (heartbeats += 1),
    });
    await eventually(() => heartbeats >= 2, 2000, 'heartbeats');
    sim.controls.nodeDown('alibuild07');
    await eventually(() => nodeEvents(seen, 'alibuild07').length === 1, 2000, 'node event');
    // The builder lost with the node arrives as an Allocation event of the same Raft index.
    const node = nodeEvents(seen, 'alibuild07')[0];
    expect(node).toMatchObject({ Type: 'NodeStreamEvent', Payload: { Node: { Status: 'down' } } });
    expect(seen.some((e) => e.Topic === 'Allocation' && e.Index === node?.Index)).toBe(true);
    stop.abort();
    const { lastIndex } = await done;
    expect(lastIndex).toBe(Math.max(...seen.map((e) => e.Index)));
  });

  it('notices a silent stream, reconnects with backoff, and resumes after the last index without loss or repeats', async () => {
    await start(true);
    const seen: NomadEvent[] = [];
    const errors: unknown[] = [];
    let connects = 0;
    void followEventStream(nomad.client, {
      topics: ['Node'],
      signal: stop.signal,
      heartbeatTimeoutMs: 300,
      backoff: { initialMs: 20, maxMs: 100 },
      onEvents: (events) => void seen.push(...events),
      onConnect: () => void (connects += 1),
      onError: (err) => void errors.push(err),
    });
    await eventually(() => connects === 1, 2000, 'first connect');
    sim.controls.nodeDown('alibuild03');
    await eventually(() => nodeEvents(seen, 'alibuild03').length === 1, 2000, 'event before the partition');

    proxy?.partitionStream();
    sim.controls.nodeUp('alibuild03');
    sim.controls.nodeDown('alibuild04');
    await eventually(() => errors.some((e) => e instanceof EventStreamStalledError), 2000, 'watchdog');
    expect(nodeEvents(seen, 'alibuild04')).toHaveLength(0);

    proxy?.heal();
    await eventually(() => nodeEvents(seen, 'alibuild04').length === 1, 10_000, 'events from the partition, after resuming');
    expect(nodeEvents(seen, 'alibuild03').map((e) => (e.Payload.Node as { Status: string }).Status)).toEqual(['down', 'ready']);
    const indexes = seen.map((e) => e.Index);
    expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
    expect(connects).toBeGreaterThanOrEqual(2);
  });

  it('reads a line of thousands of events that arrives in many small pieces, and lines that share a piece', async () => {
    const events = (index: number, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        Topic: 'Allocation',
        Type: 'PlanResult',
        Key: `a-${index}-${i}`,
        Namespace: 'default',
        Index: index,
        Payload: { Allocation: { ID: `a-${index}-${i}` } },
      }));
    // A big plan (20,000 placements) is one line; two small ones follow in the same piece.
    const text = `{}\n${JSON.stringify({ Index: 7, Events: events(7, 20_000) })}\n${JSON.stringify({ Index: 8, Events: events(8, 1) })}\n${JSON.stringify({ Index: 9, Events: events(9, 2) })}\n`;
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      let at = 0;
      const next = () => {
        if (at >= text.length) return;
        // Pieces of 64 KiB, cut anywhere (the last one holds the ends of the three lines).
        res.write(text.slice(at, (at += 65_536)));
        setImmediate(next);
      };
      next();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    nomad = createNomad(nomadSettingsFromEnv({ NOMAD_ADDR: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
    const lines: { index: number; keys: string[] }[] = [];
    try {
      void followEventStream(nomad.client, {
        topics: ['Allocation'],
        signal: stop.signal,
        onEvents: (evs, index) => void lines.push({ index, keys: evs.map((e) => e.Key) }),
      });
      await eventually(() => lines.length === 3 || undefined, 20_000, 'three lines');
      expect(lines.map((l) => [l.index, l.keys.length])).toEqual([
        [7, 20_000],
        [8, 1],
        [9, 2],
      ]);
      expect(lines[0]!.keys.at(-1)).toBe('a-7-19999');
    } finally {
      stop.abort();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('retries a refused stream (HTTP 500) and reports the error', async () => {
    await start(false);
    sim.controls.failNext({ status: 500, body: 'rpc error: No cluster leader', count: 2, pathPrefix: '/v1/event/stream' });
    const errors: string[] = [];
    let connected = false;
    void followEventStream(nomad.client, {
      topics: ['Node'],
      signal: stop.signal,
      backoff: { initialMs: 10, maxMs: 40 },
      onEvents: () => undefined,
      onConnect: () => void (connected = true),
      onError: (err) => void errors.push(String(err)),
    });
    await eventually(() => connected, 2000, 'connected after two failures');
    expect(errors).toHaveLength(2);
    expect(errors[0]).toContain('unexpected response code 500 (rpc error: No cluster leader)');
  });
});
