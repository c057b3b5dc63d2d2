/**
 * Nomad answering 500, timing out and resetting connections: reads and plans are retried a
 * bounded number of times with backoff; a scale is never sent twice blindly; Slack says what failed.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startNomadSim, type NomadSim } from '../../sim/nomad/index.js';
import { buttonsOf, namesFromStore, renderMessageText } from '../../sim/slack/index.js';
import { HttpApiError } from '../../src/errors.js';
import { createNomad, nomadSettingsFromEnv, type Nomad } from '../../src/nomad/index.js';
import { NOMAD_RETRY } from '../../src/nomad/client.js';
import { eventually } from '../support/eventually.js';
import { CHANNEL, startStack, type Stack } from '../support/stack.js';

const JOB = 'ci-mesosci-cs8';
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function simAndClient(headersTimeoutMs?: number): Promise<{ sim: NomadSim; nomad: Nomad }> {
  const sim = await startNomadSim({ timing: { allocStartMs: 30, evalCompleteMs: 10 } });
  const settings = nomadSettingsFromEnv({ NOMAD_ADDR: sim.url });
  const nomad = createNomad(settings, headersTimeoutMs ? { headersTimeoutMs } : {});
  cleanups.push(
    () => sim.close(),
    () => nomad.close(),
  );
  return { sim, nomad };
}

const scaleReq = { group: 'ci', count: 9, message: 'fault suite' };

describe('the Nomad client under faults', () => {
  it('retries a read through two 500s and gives up after its bounded attempts', async () => {
    const { sim, nomad } = await simAndClient();
    sim.controls.failNext({ status: 500, body: 'No cluster leader', count: 2, pathPrefix: '/v1/jobs' });
    const { data } = await nomad.jobs.list();
    expect(data.map((j) => j.ID)).toContain(JOB);
    expect(sim.state.requestCount('GET /v1/jobs')).toBe(3);

    sim.controls.failNext({ status: 500, body: 'No cluster leader', count: 100, pathPrefix: '/v1/jobs' });
    const started = Date.now();
    const err = await nomad.jobs.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpApiError);
    expect((err as HttpApiError).message).toMatch(/nomad GET .*\/v1\/jobs.*: unexpected response code 500 \(No cluster leader\)/);
    expect(sim.state.requestCount('GET /v1/jobs')).toBe(3 + NOMAD_RETRY.attempts);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('retries a plan (a dry run) but sends a scale exactly once', async () => {
    const { sim, nomad } = await simAndClient();
    const job = (await nomad.jobs.read(JOB)).data;
    sim.controls.failNext({ status: 503, body: 'overloaded', pathPrefix: `/v1/job/${JOB}/plan` });
    await nomad.jobs.plan(job);
    expect(sim.state.requestCount(`POST /v1/job/${JOB}/plan`)).toBe(2);

    sim.controls.failNext({ status: 500, body: 'rpc error: EOF', pathPrefix: `/v1/job/${JOB}/scale` });
    await expect(nomad.jobs.scale(JOB, scaleReq)).rejects.toThrow(/unexpected response code 500 \(rpc error: EOF\)/);
    expect(sim.state.requestCount(`POST /v1/job/${JOB}/scale`)).toBe(1);
  });

  it('times out a hanging Nomad within bounds: reads retried, the scale not', async () => {
    // undici checks its timeouts about once a second: 300 ms becomes about 1 s per attempt.
    const { sim, nomad } = await simAndClient(300);
    sim.controls.setLatency(1_500);
    const started = Date.now();
    await expect(nomad.jobs.list()).rejects.toMatchObject({ code: 'UND_ERR_HEADERS_TIMEOUT' });
    expect(sim.state.requestCount('GET /v1/jobs')).toBe(NOMAD_RETRY.attempts);
    expect(Date.now() - started).toBeLessThan(6_000);
    await expect(nomad.jobs.scale(JOB, scaleReq)).rejects.toMatchObject({ code: 'UND_ERR_HEADERS_TIMEOUT' });
    expect(sim.state.requestCount(`POST /v1/job/${JOB}/scale`)).toBe(1);
  });

  it('survives connection resets on reads, and never repeats a write on a reset', async () => {
    const reset = await resettingServer();
    const nomad = createNomad(nomadSettingsFromEnv({ NOMAD_ADDR: reset.url }));
    cleanups.push(
      () => reset.close(),
      () => nomad.close(),
    );
    await expect(nomad.jobs.list()).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|UND_ERR_SOCKET/) });
    expect(reset.requests()).toBe(NOMAD_RETRY.attempts);
    await expect(nomad.jobs.scale(JOB, scaleReq)).rejects.toBeDefined();
    expect(reset.requests()).toBe(NOMAD_RETRY.attempts + 1);
  });
});

describe('the bot when Nomad fails', () => {
  let s: Stack | undefined;
  afterEach(async () => s?.close());
  const text = (stack: Stack, m: Parameters<typeof renderMessageText>[0]) => renderMessageText(m, namesFromStore(stack.slack.store));

  it('says clearly that Nomad could not be asked, and queues nothing', async () => {
    s = await startStack();
    const stack = s;
    stack.nomad.controls.failNext({ status: 500, body: 'No cluster leader', count: NOMAD_RETRY.attempts, pathPrefix: '/v1/jobs' });
    await stack.driver.slashCommand({ userId: 'U0ALICE', channelId: CHANNEL, text: 'scale mesosci-cs8 10' });
    const reply = await eventually(
      () =>
        stack.slack.store
          .ephemeralFor({ user: 'U0ALICE' })
          .map((e) => text(stack, e))
          .find((t) => t.includes('Nomad could not be asked')),
      5_000,
      'reply',
    );
    expect(reply).toBe(
      'Nomad could not be asked about jobs: Nomad could not do it just now (HTTP 500: No cluster leader); it may pass if tried again shortly. Nothing was queued.',
    );
    expect(stack.messages()).toHaveLength(0);
    expect(await stack.bot.operations.pending()).toEqual([]);
  });

  it('applies once when a read fails in the middle of an apply: the read is retried, the scale sent once', async () => {
    s = await startStack();
    const stack = s;
    await stack.driver.slashCommand({ userId: 'U0ALICE', channelId: CHANNEL, text: 'scale mesosci-cs8 10' });
    const plan = await eventually(() => stack.messages().find((m) => text(stack, m).includes('Plan: scale')), 10_000, 'plan');
    // The apply first reads the job's scaling events (GET …/scale) to find its own: that read fails twice.
    stack.nomad.controls.failNext({ status: 500, body: 'rpc error: leader changed', count: 2, pathPrefix: `/v1/job/${JOB}/scale` });
    const approve = buttonsOf(plan).find((b) => b.text === 'Approve')!;
    await stack.driver.clickButton({ userId: 'U0BOB', channelId: CHANNEL, messageTs: plan.ts, actionId: approve.actionId });
    await eventually(() => stack.messages().find((m) => text(stack, m).includes('Applied: ci-mesosci-cs8 scaled 8 → 10')), 10_000, 'applied');
    // Two refused reads and at least one answered (a busy machine may read once more; reads are harmless).
    expect(stack.nomad.state.requestCount(`GET /v1/job/${JOB}/scale`)).toBeGreaterThanOrEqual(3);
    expect(stack.nomad.state.requestCount(`POST /v1/job/${JOB}/scale`)).toBe(1);
    const rec = [...stack.nomad.state.records.values()].find((r) => r.job.ID === JOB);
    expect((rec?.scaleEvents.ci ?? []).filter((e) => typeof e.Meta?.['ci-chatops.op'] === 'string')).toHaveLength(1);
    expect(stack.nomad.state.job(JOB)?.TaskGroups?.[0]?.Count).toBe(10);
  });
});

/** A TCP server that accepts connections and resets each one as soon as a request arrives. */
async function resettingServer(): Promise<{ url: string; requests(): number; close(): Promise<void> }> {
  let count = 0;
  const sockets = new Set<Socket>();
  const server: Server = createServer((sock) => {
    sockets.add(sock);
    sock.once('data', () => {
      count++;
      sock.resetAndDestroy();
    });
    sock.on('error', () => undefined);
    sock.on('close', () => sockets.delete(sock));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => count,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((r) => server.close(() => r()));
    },
  };
}
