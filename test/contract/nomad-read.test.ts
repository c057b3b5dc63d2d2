/**
 * Read conformance of our Nomad client: what any Nomad agent guarantees (shapes our zod schemas
 * accept, status codes, the X-Nomad-* headers, blocking-query semantics), run against the
 * simulator in `npm test` and against a real agent with `NOMAD_ADDR=… npm run test:contract`.
 * It touches only its own throwaway job (count 0) and purges it afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpApiError } from '../../src/errors.js';
import { headerValue } from '../../src/http/json-client.js';
import type { NomadJob } from '../../src/nomad/schemas/jobs.js';
import { contractTarget, throwawayJob, type ContractTarget } from './target.js';

let t: ContractTarget;
let job: NomadJob;

async function raw(path: string) {
  const c = t.nomad.client;
  return c.http.send({ method: 'GET', url: c.url(path), headers: c.headers(), expect: [200, 400, 403, 404, 500] });
}

describe(`Nomad read contract`, () => {
  beforeAll(async () => {
    t = await contractTarget();
    job = throwawayJob(0);
    await t.nomad.jobs.register(job);
  });
  afterAll(async () => {
    await t?.nomad.jobs.stop(job.ID, { purge: true }).catch(() => undefined);
    await t?.close();
  });

  it('lists jobs with the query meta headers, and our job among them', async () => {
    const reply = await raw('jobs');
    expect(reply.status).toBe(200);
    expect(headerValue(reply.headers, 'content-type')).toMatch(/^application\/json/);
    expect(headerValue(reply.headers, 'x-nomad-index')).toMatch(/^\d+$/);
    expect(headerValue(reply.headers, 'x-nomad-knownleader')).toMatch(/^(true|false)$/);
    expect(headerValue(reply.headers, 'x-nomad-lastcontact')).toMatch(/^\d+$/);
    const { data, meta } = await t.nomad.jobs.list({ prefix: 'ci-chatops-contract-' });
    expect(meta.lastIndex).toBeGreaterThan(0);
    expect(data.find((j) => j.ID === job.ID)).toMatchObject({ ID: job.ID, Type: 'service' });
  });

  it('reads the job, its allocations, evaluations and scale status', async () => {
    const { data: read, meta } = await t.nomad.jobs.read(job.ID);
    expect(read).toMatchObject({ ID: job.ID, Type: 'service', Stop: false });
    expect(read.TaskGroups?.[0]).toMatchObject({ Name: 'contract', Count: 0 });
    expect(read.JobModifyIndex).toBeGreaterThan(0);
    expect(meta.lastIndex).toBeGreaterThanOrEqual(read.JobModifyIndex!);
    expect((await t.nomad.jobs.allocations(job.ID)).data).toEqual([]);
    const evals = (await t.nomad.jobs.evaluations(job.ID)).data;
    expect(evals.every((e) => e.JobID === job.ID)).toBe(true);
    const scale = (await t.nomad.jobs.scaleStatus(job.ID)).data;
    expect(scale.JobID).toBe(job.ID);
    expect(scale.TaskGroups.contract).toMatchObject({ Desired: 0 });
  });

  it('lists nodes in the shape the client expects', async () => {
    const { data } = await t.nomad.nodes.list();
    expect(data.length).toBeGreaterThan(0);
    for (const n of data) expect(n.ID).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 404 "job not found" in plain text for a missing job, and 400 for a bad index', async () => {
    const missing = `${job.ID}-missing`;
    const err = await t.nomad.jobs.read(missing).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpApiError);
    expect((err as HttpApiError).status).toBe(404);
    expect((err as HttpApiError).body.trim()).toBe('job not found');
    expect(await t.nomad.jobs.find(missing)).toBeUndefined();
    const plain = await raw(`job/${missing}`);
    expect(headerValue(plain.headers, 'content-type')).toMatch(/^text\/plain/);
    const badIndex = await raw(`job/${job.ID}?index=abc`);
    expect(badIndex.status).toBe(400);
    expect(badIndex.text.trim()).toBe('Invalid index');
  });

  it('blocks until the wait passes when nothing changes, returning no newer index', async () => {
    const { meta } = await t.nomad.jobs.read(job.ID);
    const started = Date.now();
    const again = await t.nomad.jobs.read(job.ID, { index: meta.lastIndex, waitMs: 1_000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(again.meta.lastIndex).toBe(meta.lastIndex);
  });

  it('returns a blocking query early when the job changes, with a higher index', async () => {
    const { meta } = await t.nomad.jobs.read(job.ID);
    const started = Date.now();
    const blocked = t.nomad.jobs.read(job.ID, { index: meta.lastIndex, waitMs: 20_000 });
    await new Promise((r) => setTimeout(r, 100));
    await t.nomad.jobs.register({ ...job, Meta: { ...job.Meta, touched: String(Date.now()) } });
    const woke = await blocked;
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(woke.meta.lastIndex).toBeGreaterThan(meta.lastIndex);
    expect(woke.data.Meta?.touched).toBeDefined();
  });
});
