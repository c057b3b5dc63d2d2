/**
 * Issue 13 point 1: every blocking query the client sends has a headers timeout above the longest
 * time Nomad may hold it (the wait, capped at 300 s, plus up to wait/16 of jitter), so a query is
 * never abandoned and retried while Nomad is still legitimately waiting.
 */
import { Agent, type Dispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNomadSim, type NomadSim } from '../../sim/nomad/index.js';
import { createNomad, nomadSettingsFromEnv } from '../../src/nomad/index.js';
import { DEFAULT_HEADERS_TIMEOUT_MS, MAX_BLOCKING_WAIT_MS } from '../../src/nomad/client.js';

let sim: NomadSim;
beforeAll(async () => {
  sim = await startNomadSim({ timing: { allocStartMs: 20, evalCompleteMs: 5 }, blockingJitter: 'max' });
});
afterAll(async () => sim.close());

/** An undici Agent that notes what each request asked of it (not a mock: the request still goes out). */
function recordingAgent(): { agent: Dispatcher; seen: { path: string; headersTimeout: number | null | undefined }[] } {
  const seen: { path: string; headersTimeout: number | null | undefined }[] = [];
  const agent = new Agent().compose((dispatch) => (opts, handler) => {
    seen.push({ path: opts.path, headersTimeout: opts.headersTimeout });
    return dispatch(opts, handler);
  });
  return { agent, seen };
}

const goWaitMs = (text: string) => Number(/^(\d+)ms$/.exec(text)?.[1]);

describe('blocking queries and the client timeout', () => {
  it('sends a wait of at most 300 s and gives each query a headers timeout above wait + wait/16', async () => {
    const { agent, seen } = recordingAgent();
    const nomad = createNomad(nomadSettingsFromEnv({ NOMAD_ADDR: sim.url }), { dispatcher: agent });
    try {
      const { meta } = await nomad.jobs.read('ci-mesosci-cs8');
      // The job changes right away, so no query below is held for long, whatever it asked.
      sim.controls.scaleJob('ci-mesosci-cs8', 'ci', 9);
      for (const waitMs of [1, 60_000, 300_000, 900_000, undefined]) {
        await nomad.jobs.read('ci-mesosci-cs8', { index: meta.lastIndex, ...(waitMs === undefined ? {} : { waitMs }) });
      }
      const blocking = seen.filter((r) => r.path.includes('index='));
      expect(blocking).toHaveLength(5);
      const sent = blocking.map((r) => goWaitMs(new URL(r.path, sim.url).searchParams.get('wait') ?? ''));
      expect(sent).toEqual([1, 60_000, MAX_BLOCKING_WAIT_MS, MAX_BLOCKING_WAIT_MS, MAX_BLOCKING_WAIT_MS]);
      for (const [i, r] of blocking.entries()) {
        const wait = sent[i]!;
        expect(r.headersTimeout, `timeout of a ${wait} ms wait`).toBeGreaterThan(wait + wait / 16);
        expect(r.headersTimeout).toBeGreaterThanOrEqual(wait + wait / 16 + DEFAULT_HEADERS_TIMEOUT_MS);
      }
      // An ordinary read keeps the dispatcher's timeout.
      expect(seen[0]).toMatchObject({ headersTimeout: undefined });
    } finally {
      await nomad.close();
    }
  });

  it('waits out a query that Nomad holds longer than an ordinary answer may take, instead of abandoning it', async () => {
    // "30 s" scaled down to 1 s (undici fires it within 1–2 s); Nomad holds this one 2.5 s + 156 ms.
    const nomad = createNomad(nomadSettingsFromEnv({ NOMAD_ADDR: sim.url }), { headersTimeoutMs: 1_000 });
    try {
      const { meta } = await nomad.nodes.list();
      const before = sim.state.blocking.held.length;
      const started = performance.now();
      const again = await nomad.nodes.list({ index: meta.lastIndex, waitMs: 2_500 });
      expect(performance.now() - started).toBeGreaterThanOrEqual(2_650);
      expect(again.meta.lastIndex).toBe(meta.lastIndex);
      expect(sim.state.blocking.held.slice(before)).toEqual([expect.objectContaining({ path: '/v1/nodes', waitMs: 2_500, abandoned: false })]);
    } finally {
      await nomad.close();
    }
  });
});
