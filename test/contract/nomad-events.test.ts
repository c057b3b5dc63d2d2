/**
 * Issue 13 point 6 against any Nomad agent: a subscriber without an index first gets the event
 * buffer (its own throwaway job's registration, written before it connected), and a token Nomad
 * does not know is refused in one of the two ways the bot recognises: 403 before 2.0, a 200 closed
 * before any line from 2.0. (A dev agent without ACLs serves every token; then only the first holds.)
 */
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNomad } from '../../src/nomad/index.js';
import { followEventStream } from '../../src/nomad/event-stream.js';
import type { NomadEvent } from '../../src/nomad/schemas/events.js';
import type { NomadJob } from '../../src/nomad/schemas/jobs.js';
import { eventually } from '../support/eventually.js';
import { contractTarget, throwawayJob, type ContractTarget } from './target.js';

let t: ContractTarget;
let job: NomadJob;

describe('Nomad event-stream contract', () => {
  beforeAll(async () => {
    t = await contractTarget();
    job = throwawayJob(0);
    await t.nomad.jobs.register(job);
  });
  afterAll(async () => {
    await t?.nomad.jobs.stop(job.ID, { purge: true }).catch(() => undefined);
    await t?.close();
  });

  it('replays buffered events to a subscriber without an index', async () => {
    const { meta } = await t.nomad.jobs.read(job.ID);
    const stop = new AbortController();
    const seen: NomadEvent[] = [];
    const following = followEventStream(t.nomad.client, { topics: [`Job:${job.ID}`], signal: stop.signal, onEvents: (events) => void seen.push(...events) });
    try {
      const registered = await eventually(() => seen.find((e) => e.Type === 'JobRegistered' && e.Key === job.ID), 10_000, 'the registration, from the buffer');
      expect(registered.Index).toBeLessThanOrEqual(meta.lastIndex);
    } finally {
      stop.abort();
      await following;
    }
  });

  it('refuses a token it does not know with a 403, or with a 200 and no body', async () => {
    const stranger = createNomad({ ...t.nomad.client.settings, token: '00000000-0000-4000-8000-000000000000' });
    try {
      const aclsOn = (await request(stranger.client.url('acl/token/self'), { headers: stranger.client.headers() })).statusCode !== 400;
      const res = await request(stranger.client.url('event/stream', { params: { topic: 'Node' } }), { headers: stranger.client.headers(), bodyTimeout: 5_000 });
      if (!aclsOn) {
        expect(res.statusCode).toBe(200); // ACLs disabled: any token is served
        res.body.destroy();
        return;
      }
      const body = await res.body.text();
      expect([403, 200]).toContain(res.statusCode);
      if (res.statusCode === 200) expect(body).toBe('');
      else expect(body.trim()).toMatch(/Permission denied|ACL token not found/);
    } finally {
      await stranger.close();
    }
  });
});
