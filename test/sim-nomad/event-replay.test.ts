/**
 * The event stream as Nomad serves a new subscriber and refuses a token (issue 13 point 6):
 * `index=0` starts at the head of the event buffer (nomad/stream/event_broker.go Subscribe), which
 * keeps `event_buffer_size` batches (default 100); before 2.0 a refused token gets 403, from 2.0 a
 * 200 and then a closed connection with no body (command/agent/event_endpoint.go).
 */
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import type { NomadSim } from '../../sim/nomad/index.js';
import { startFastSim } from './helpers.js';
import { openStream } from './stream.js';

let sim: NomadSim;
afterEach(async () => sim?.close());

describe('event stream replay and refusal', () => {
  it('replays the buffered batches, oldest first, to a subscriber without an index', async () => {
    sim = await startFastSim();
    sim.controls.nodeDown('alibuild05');
    sim.controls.nodeUp('alibuild05');
    await sim.controls.settled();
    const buffered = sim.state.eventLog.map((b) => b.Index);
    expect(buffered.length).toBeGreaterThan(10);
    const stream = await openStream(`${sim.url}/v1/event/stream`);
    await stream.waitFor(() => stream.lines.filter((l) => l !== '{}').length >= buffered.length);
    const replayed = stream.lines.filter((l) => l !== '{}').map((l) => JSON.parse(l).Index as number);
    expect(replayed).toEqual(buffered);
    const statuses = stream.lines
      .filter((l) => l.includes('"alibuild05"') && l.includes('NodeStreamEvent'))
      .map((l) => JSON.parse(l).Events[0].Payload.Node.Status);
    expect(statuses).toEqual(['down', 'ready']);
    stream.close();
  });

  it('from an index no longer buffered, starts at the oldest batch it still has', async () => {
    sim = await startFastSim({ eventBufferSize: 3 });
    const oldest = sim.state.eventLog[0]!.Index;
    const stream = await openStream(`${sim.url}/v1/event/stream?index=1`);
    await stream.waitFor((l) => l !== '{}');
    expect(JSON.parse(stream.lines.find((l) => l !== '{}')!).Index).toBe(oldest);
    stream.close();
  });

  it('before 2.0 refuses a token with 403', async () => {
    sim = await startFastSim({ serverVersion: '1.11.2', acl: { tokens: { 'mgmt-token': 'management' } } });
    const res = await request(`${sim.url}/v1/event/stream?topic=Node`);
    expect([res.statusCode, await res.body.text()]).toEqual([403, 'Permission denied']);
  });

  it('from 2.0 answers a refused token 200, then closes the connection without a byte', async () => {
    sim = await startFastSim({ serverVersion: '2.0.6', acl: { tokens: { 'mgmt-token': 'management' } } });
    const res = await request(`${sim.url}/v1/event/stream?topic=Node`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['connection']).toBe('close');
    expect(await res.body.text()).toBe('');
    const ok = await request(`${sim.url}/v1/event/stream?topic=Node`, { headers: { 'x-nomad-token': 'mgmt-token' } });
    const first = await new Promise<string>((resolve) => ok.body.once('data', (c: Buffer) => resolve(c.toString())));
    expect(first.startsWith('{}\n')).toBe(true); // a served stream starts with a heartbeat
    ok.body.destroy();
  });
});
