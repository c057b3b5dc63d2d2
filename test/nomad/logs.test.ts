/** Nomad's log endpoint: the frame decoder, and the client against the simulator (framed and plain). */
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpApiError } from '../../src/errors.js';
import { createNomad, decodeLogFrames, nomadSettingsFromEnv, splitJsonObjects, type Nomad } from '../../src/nomad/index.js';
import { startNomadSim, type NomadSim } from '../../sim/nomad/index.js';

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

describe('decodeLogFrames', () => {
  it('decodes frames written back to back, with heartbeats and a file event', () => {
    const body = `{}{"Offset":6,"Data":"${b64('hello ')}","File":"alloc/logs/x.stderr.0"}{}{"FileEvent":"file truncated","File":"alloc/logs/x.stderr.0"}{"Offset":6,"Data":"${b64('world\n')}","File":"alloc/logs/x.stderr.0"}`;
    const { bytes, frames } = decodeLogFrames(body);
    expect(bytes.toString()).toBe('hello world\n');
    expect(frames.map((f) => f.FileEvent).filter(Boolean)).toEqual(['file truncated']);
  });

  it('is not fooled by "}{" inside a string, and keeps a UTF-8 character split across frames', () => {
    expect(splitJsonObjects('{"File":"a}{b"}{}')).toEqual(['{"File":"a}{b"}', '{}']);
    const euro = Buffer.from('€'); // 3 bytes
    const body = `{"Data":"${b64(euro.subarray(0, 1))}"}{"Data":"${b64(euro.subarray(1))}"}`;
    expect(decodeLogFrames(body).bytes.toString('utf8')).toBe('€');
  });

  it('refuses a cut-off stream rather than guessing', () => {
    expect(() => splitJsonObjects('{"Data":"aGk="}{"Da')).toThrow(/cut off/);
  });
});

describe('the logs endpoint of the simulator, through the client', () => {
  let sim: NomadSim;
  let nomad: Nomad;
  let allocId: string;
  const task = 'continuous-builder';
  beforeAll(async () => {
    sim = await startNomadSim({ timing: { allocStartMs: 20, evalCompleteMs: 5 } });
    nomad = createNomad(nomadSettingsFromEnv({ NOMAD_ADDR: sim.url }));
    allocId = sim.state.allocations('ci-mesosci-cs8')[0]!.ID;
  });
  afterAll(async () => {
    await nomad?.close();
    await sim?.close();
  });

  it('returns what the task wrote, framed or plain, whole or only the end', async () => {
    const text = `${Array.from({ length: 50_000 }, (_, i) => `line ${i} ${'x'.repeat(i % 7)}`).join('\n')}\n`; // > 64 KiB: several frames
    sim.controls.setTaskLog(allocId, task, 'stderr', text);
    const framed = await nomad.logs.read(allocId, { task, type: 'stderr' });
    expect(framed.text).toBe(text);
    expect(framed.startsMidFile).toBe(false);
    const plain = await nomad.logs.read(allocId, { task, type: 'stderr', plain: true });
    expect(plain.text).toBe(text);
    const tail = await nomad.logs.read(allocId, { task, type: 'stderr', origin: 'end', offset: 100 });
    expect(tail.text).toBe(text.slice(-100));
    expect(tail.startsMidFile).toBe(true);
    const plainTail = await nomad.logs.read(allocId, { task, type: 'stderr', origin: 'end', offset: 100, plain: true });
    expect(plainTail).toMatchObject({ text: text.slice(-100), startsMidFile: true });
  });

  it('keeps stdout and stderr apart, and makes up a builder log when none was seeded', async () => {
    sim.controls.setTaskLog(allocId, task, 'stdout', 'only stdout\n');
    expect((await nomad.logs.read(allocId, { task, type: 'stdout' })).text).toBe('only stdout\n');
    const other = sim.state.allocations('ci-mesosci-cs8')[1]!.ID;
    expect((await nomad.logs.read(other, { task, type: 'stderr', origin: 'end', offset: 2000 })).text).toContain('+ ');
  });

  it.each([
    ['task=', 'must provide task name'],
    ['task=t&type=both', 'must provide log type (stdout/stderr)'],
    ['task=t&type=stdout&follow=maybe', 'failed to parse follow field to boolean: strconv.ParseBool: parsing "maybe": invalid syntax'],
    ['task=t&type=stdout&plain=2', 'failed to parse plain field to boolean: strconv.ParseBool: parsing "2": invalid syntax'],
    ['task=t&type=stdout&offset=ten', 'error parsing offset: strconv.ParseInt: parsing "ten": invalid syntax'],
    ['task=t&type=stdout&origin=middle', 'origin must be start or end'],
  ])("answers 400 with Nomad's text for %s", async (query, text) => {
    const res = await request(`${sim.url}/v1/client/fs/logs/${allocId}?${query}`);
    expect(res.statusCode).toBe(400);
    expect(await res.body.text()).toBe(text);
  });

  it('answers 404 when logging is disabled for the task, or the allocation is unknown', async () => {
    const other = sim.state.allocations('ci-mesosci-cs8')[2]!.ID;
    sim.controls.disableTaskLogs(other, task);
    const err = await nomad.logs.read(other, { task, type: 'stderr' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpApiError);
    expect((err as HttpApiError).status).toBe(404);
    const unknown = await nomad.logs.read('00000000-0000-0000-0000-000000000000', { task, type: 'stderr' }).catch((e: unknown) => e);
    expect((unknown as HttpApiError).status).toBe(404);
  });

  it('finds allocations by any prefix, trimming odd lengths as the CLI does', async () => {
    const found = await nomad.allocations.byPrefix(allocId.slice(0, 5));
    expect(found.map((a) => a.ID)).toContain(allocId);
    expect(found.every((a) => a.ID.startsWith(allocId.slice(0, 5)))).toBe(true);
    expect(sim.state.requestCount('GET /v1/allocations')).toBeGreaterThan(0);
  });
});
