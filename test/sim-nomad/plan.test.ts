import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ciJob, type NomadSim } from '../../sim/nomad/index.js';
import { call, startFastSim, withCount } from './helpers.js';

describe('POST /v1/job/:id/plan', () => {
  let sim: NomadSim;
  beforeAll(async () => {
    sim = await startFastSim();
  });
  afterAll(() => sim.close());

  it('diffs a count change 8 -> 10 contextually and annotates it', async () => {
    const indexBefore = sim.state.index;
    const jobBefore = sim.state.job('ci-mesosci-cs8');
    const res = await call(sim.url, 'POST', '/v1/job/ci-mesosci-cs8/plan', { Job: withCount(sim, 'ci-mesosci-cs8', 'ci', 10), Diff: true });
    expect(res.status).toBe(200);
    const plan = res.json();
    expect(plan.JobModifyIndex).toBe(jobBefore?.JobModifyIndex);
    expect(plan.Index).toBe(plan.JobModifyIndex);
    expect(res.headers['x-nomad-index']).toBe(String(plan.JobModifyIndex));
    expect(plan.Warnings).toBe('');
    expect(plan.NextPeriodicLaunch).toBe('0001-01-01T00:00:00Z');
    expect(Object.keys(plan.Annotations.DesiredTGUpdates.ci).sort()).toEqual([
      'Canary',
      'DestructiveUpdate',
      'Disconnect',
      'Ignore',
      'InPlaceUpdate',
      'Migrate',
      'Place',
      'Preemptions',
      'Reconnect',
      'RescheduleLater',
      'RescheduleNow',
      'Stop',
    ]);
    expect(plan.Diff).toMatchObject({ Type: 'Edited', ID: 'ci-mesosci-cs8' });
    const tg = plan.Diff.TaskGroups[0];
    expect(tg).toMatchObject({ Type: 'Edited', Name: 'ci', Updates: { create: 2, 'in-place update': 8 } });
    expect(tg.Fields).toEqual([{ Type: 'Edited', Name: 'Count', Old: '8', New: '10', Annotations: ['forces create'] }]);
    expect(tg.Tasks).toHaveLength(1);
    expect(tg.Tasks[0]).toMatchObject({ Type: 'None', Name: 'continuous-builder', Annotations: null });
    // Job-level fields are diffed non-contextually and unchanged objects are left out, as in the
    // verbatim CLI samples: a count change shows nothing but the group's Count and its task line.
    expect(plan.Diff.Fields).toBeNull();
    expect(plan.Diff.Objects).toBeNull();
    expect(tg.Objects).toBeNull();
    // A dry run changes nothing.
    expect(sim.state.index).toBe(indexBefore);
    expect(sim.state.job('ci-mesosci-cs8')?.TaskGroups[0]?.Count).toBe(8);
  });

  it('annotates a count decrease with forces destroy', async () => {
    const plan = (await call(sim.url, 'POST', '/v1/job/ci-mesosci-cs8/plan', { Job: withCount(sim, 'ci-mesosci-cs8', 'ci', 5), Diff: true })).json();
    const tg = plan.Diff.TaskGroups[0];
    expect(tg.Fields[0]).toMatchObject({ Name: 'Count', Old: '8', New: '5', Annotations: ['forces destroy'] });
    expect(tg.Updates).toEqual({ destroy: 3, 'in-place update': 5 });
  });

  it('shows an image change as a destructive update with flattened Config fields', async () => {
    const job = withCount(sim, 'ci-mesosci-slc9', 'ci', 4) as { TaskGroups: Array<{ Tasks: Array<{ Config: Record<string, unknown> }> }> };
    const task = job.TaskGroups[0]?.Tasks[0];
    if (task) task.Config.image = 'registry.cern.ch/alisw/slc9-builder:2026.08';
    const plan = (await call(sim.url, 'POST', '/v1/job/ci-mesosci-slc9/plan', { Job: job, Diff: true })).json();
    const tg = plan.Diff.TaskGroups[0];
    expect(tg.Updates).toEqual({ 'create/destroy update': 4 });
    expect(tg.Tasks[0]).toMatchObject({ Type: 'Edited', Annotations: ['forces create/destroy update'] });
    const config = tg.Tasks[0].Objects.find((o: { Name: string }) => o.Name === 'Config');
    expect(config.Type).toBe('Edited');
    expect(config.Fields.find((f: { Name: string }) => f.Name === 'image')).toMatchObject({
      Type: 'Edited',
      Old: 'registry.cern.ch/alisw/slc9-builder:latest',
      New: 'registry.cern.ch/alisw/slc9-builder:2026.08',
    });
    expect(config.Fields.find((f: { Name: string }) => f.Name === 'args[0]')).toMatchObject({ Type: 'None' });
  });

  it('plans a new job as Added with create annotations and JobModifyIndex 0', async () => {
    const plan = (await call(sim.url, 'POST', '/v1/job/ci-mesosci-slc8-gpu/plan', { Job: ciJob('mesosci', 'slc8-gpu', '', 1), Diff: true })).json();
    expect(plan.JobModifyIndex).toBe(0);
    expect(plan.Diff.Type).toBe('Added');
    expect(plan.Diff.TaskGroups[0]).toMatchObject({ Type: 'Added', Updates: { create: 1 } });
    expect(plan.Diff.TaskGroups[0].Tasks[0]).toMatchObject({ Type: 'Added', Annotations: ['forces create'] });
    expect(plan.Diff.TaskGroups[0].Tasks[0].Fields.find((f: { Name: string }) => f.Name === 'Driver')).toMatchObject({ Type: 'Added', Old: '', New: 'docker' });
    expect(sim.state.job('ci-mesosci-slc8-gpu')).toBeUndefined();
  });

  it('leaves Diff null unless asked', async () => {
    const plan = (await call(sim.url, 'POST', '/v1/job/repo/plan', { Job: sim.state.job('repo') })).json();
    expect(plan.Diff).toBeNull();
    expect(plan.Annotations.DesiredTGUpdates.repo.Ignore).toBe(1);
  });

  it('rejects bad requests with the handler texts', async () => {
    const cases: Array<[unknown, string]> = [
      [{ Diff: true }, 'Job must be specified'],
      [{ Job: { Name: 'x' } }, 'Job must have a valid ID'],
      [{ Job: { ID: 'other' } }, 'Job ID does not match'],
    ];
    for (const [body, text] of cases) {
      const res = await call(sim.url, 'POST', '/v1/job/repo/plan', body);
      expect([res.status, res.text]).toEqual([400, text]);
    }
    const empty = await call(sim.url, 'POST', '/v1/job/repo/plan', '');
    expect([empty.status, empty.text]).toEqual([400, 'Request body is empty']);
  });
});
