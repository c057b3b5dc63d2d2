/** Test helpers: a simulator with short timings and a tiny HTTP client over undici. */
import { request, type Dispatcher } from 'undici';
import { startNomadSim, type NomadSim, type NomadSimOptions } from '../../sim/nomad/index.js';
import { readJsonFixture } from '../support/reference.js';

export function fixture(name: string): unknown {
  return readJsonFixture('nomad', name);
}

export function startFastSim(opts: NomadSimOptions = {}): Promise<NomadSim> {
  return startNomadSim({ timing: { allocStartMs: 20, evalCompleteMs: 5, ...opts.timing }, ...opts });
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: () => any;
}

export async function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  dispatcher?: Dispatcher,
  signal?: AbortSignal,
): Promise<Answer> {
  const res = await request(`${base}${path}`, {
    ...(signal ? { signal } : {}),
    method: method as Dispatcher.HttpMethod,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    ...(dispatcher ? { dispatcher } : {}),
  });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, text, json: () => JSON.parse(text) };
}

/** A copy of a stored job with one group's count changed, as a declaration change would send it. */
export function withCount(sim: NomadSim, jobId: string, group: string, count: number): Record<string, unknown> {
  const job = structuredClone(sim.state.job(jobId));
  if (!job) throw new Error(`no job ${jobId}`);
  const tg = job.TaskGroups.find((g) => g.Name === group);
  if (!tg) throw new Error(`no group ${group}`);
  tg.Count = count;
  return job;
}

/** Polls `check` until it returns true. */
/** Polls until `check` holds; the deadline only bounds a failure, so it is generous for a busy machine. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
