import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NomadSim } from '../../sim/nomad/index.js';
import { call, startFastSim } from './helpers.js';
import { openStream } from './stream.js';

describe('GET /v1/event/stream', () => {
  let sim: NomadSim;
  beforeEach(async () => {
    sim = await startFastSim({ timing: { eventHeartbeatMs: 50 } });
  });
  afterEach(() => sim.close());

  it('sends {} on connect and on every heartbeat', async () => {
    const stream = await openStream(`${sim.url}/v1/event/stream?topic=Node`);
    expect(stream.status).toBe(200);
    expect(stream.headers['content-type']).toBe('application/json');
    await stream.waitFor(() => stream.lines.filter((l) => l === '{}').length >= 3, 2000);
    expect(stream.lines[0]).toBe('{}');
    stream.close();
  });

  it('streams a node going down as NodeStreamEvent, filtered by topic', async () => {
    const stream = await openStream(`${sim.url}/v1/event/stream?topic=Node`);
    await stream.waitFor((l) => l === '{}');
    sim.controls.nodeDown('alibuild05');
    const line = await stream.waitFor((l) => l.includes('NodeStreamEvent'));
    const batch = JSON.parse(line);
    expect(batch.Index).toBeGreaterThan(0);
    const event = batch.Events[0];
    expect(event).toMatchObject({ Topic: 'Node', Type: 'NodeStreamEvent', Namespace: '', Key: sim.state.node('alibuild05')?.ID });
    expect(event.Index).toBe(batch.Index);
    expect(event.Payload.Node).toMatchObject({ Name: 'alibuild05', Status: 'down' });
    expect(stream.lines.every((l) => l === '{}' || JSON.parse(l).Events.every((e: { Topic: string }) => e.Topic === 'Node'))).toBe(true);
    stream.close();
  });

  it('streams job registration, evaluation and plan results, and resumes from an index', async () => {
    const from = sim.state.index + 1;
    const res = await call(sim.url, 'POST', '/v1/job/repo/scale', { Count: 2, Target: { Group: 'repo' } });
    expect(res.status).toBe(200);
    await sim.controls.settled();
    const stream = await openStream(`${sim.url}/v1/event/stream?topic=Job&topic=Evaluation&topic=Allocation:repo&index=${from}`);
    const job = JSON.parse(await stream.waitFor((l) => l.includes('"JobRegistered"')));
    expect(job.Events[0]).toMatchObject({ Topic: 'Job', Key: 'repo', Namespace: 'default' });
    expect(job.Events[0].Payload.Job.TaskGroups[0].Count).toBe(2);
    const evaluation = JSON.parse(await stream.waitFor((l) => l.includes('"Topic":"Evaluation"')));
    expect(evaluation.Events[0].FilterKeys).toEqual(['repo', '']);
    const plan = JSON.parse(await stream.waitFor((l) => l.includes('"PlanResult"') && l.includes('repo.repo[1]')));
    // One plan result carries the in-place update of repo[0] and the new repo[1], sharing one index.
    const placed = plan.Events.find((e: { Payload: { Allocation: { Name: string } } }) => e.Payload.Allocation.Name === 'repo.repo[1]');
    expect(placed.Payload.Allocation).toMatchObject({ JobID: 'repo', Job: null });
    expect(plan.Events.every((e: { Index: number }) => e.Index === plan.Index)).toBe(true);
    await stream.waitFor((l) => l.includes('"AllocationUpdated"'));
    stream.close();
  });

  it('rejects a malformed topic', async () => {
    const res = await call(sim.url, 'GET', '/v1/event/stream?topic=Job:a:b');
    expect([res.status, res.text]).toEqual([400, 'Invalid topic query: Job:a:b']);
  });
});
