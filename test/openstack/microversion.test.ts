/**
 * Nova microversions (issue 13.7). clouds.yaml's `compute_api_version` is the major version (`2`);
 * sent as a microversion Nova answers 400. The client negotiates from the compute endpoint's version
 * document, takes an explicit one only from `OS_COMPUTE_API_VERSION` with a minor part or
 * `compute_default_microversion`, and refuses a call the cloud's Nova is too old for before sending it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OpenStackSim } from '../../sim/openstack/index.js';
import { ALICE_CREDENTIALS } from '../../sim/openstack/scenario.js';
import { loadOpenStackConfig } from '../../src/openstack/config.js';
import { client, startFastSim } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'os-microversion-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cloudsYaml(sim: OpenStackSim, extra: string): string {
  const c = ALICE_CREDENTIALS;
  const file = join(dir, `clouds-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(
    file,
    `clouds:
  alice:
    auth:
      auth_url: ${sim.authUrl}
      username: ${c.username}
      password: ${c.password}
      project_name: ${c.projectName}
      user_domain_name: ${c.userDomainName}
      project_domain_name: ${c.projectDomainName}
${extra}`,
  );
  return file;
}

const load = (sim: OpenStackSim, extra: string, env: Record<string, string> = {}) =>
  loadOpenStackConfig({ env: { OS_CLIENT_CONFIG_FILE: cloudsYaml(sim, extra), ...env }, cwd: dir, home: dir, systemDir: dir });

/** The microversion of the last Nova call the client made. */
const lastSent = (sim: OpenStackSim) =>
  sim.state.requests.filter((r) => r.path.startsWith('/compute/v2.1/') && r.path !== '/compute/v2.1/').at(-1)?.headers['openstack-api-version'];

describe('the simulator reads microversions as Nova does', () => {
  let sim: OpenStackSim;
  beforeAll(async () => {
    sim = await startFastSim();
  });
  afterAll(() => sim.close());

  const flavors = async (headers: Record<string, string>) => {
    const token = await client({
      ...loadOpenStackConfig({ env: { OS_CLIENT_CONFIG_FILE: cloudsYaml(sim, '') }, cwd: dir, home: dir, systemDir: dir }),
    }).session.authenticate();
    const res = await request(`${sim.url}/compute/v2.1/flavors`, { headers: { 'x-auth-token': token.token, ...headers } });
    return { status: res.statusCode, json: (await res.body.json()) as Record<string, unknown>, version: res.headers['openstack-api-version'] };
  };

  it('answers 400 to a malformed version (a bare major, a leading zero), 406 to one out of range', async () => {
    expect(await flavors({ 'openstack-api-version': 'compute 2' })).toMatchObject({
      status: 400,
      json: { badRequest: { code: 400, message: 'API Version String 2 is of invalid format. Must be of format MajorNum.MinorNum.' } },
    });
    expect((await flavors({ 'x-openstack-nova-api-version': '2.01' })).status).toBe(400);
    expect(await flavors({ 'openstack-api-version': 'compute 2.105' })).toMatchObject({
      status: 406,
      json: { computeFault: { code: 406, message: 'Version 2.105 is not supported by the API. Minimum is 2.1 and maximum is 2.104.' } },
    });
    expect((await flavors({})).version).toBe('compute 2.1');
    expect((await flavors({ 'openstack-api-version': 'compute latest' })).version).toBe('compute 2.104');
    expect((await flavors({ 'openstack-api-version': 'compute 2.10' })).version).toBe('compute 2.10');
  });

  it('serves the version documents without a token', async () => {
    const versioned = await request(`${sim.url}/compute/v2.1/`);
    expect(await versioned.body.json()).toMatchObject({ version: { id: 'v2.1', version: '2.104', min_version: '2.1', status: 'CURRENT' } });
    const root = await request(`${sim.url}/compute/`);
    expect(await root.body.json()).toMatchObject({ versions: [{ id: 'v2.1', version: '2.104' }] });
  });
});

describe('the client negotiates', () => {
  let sim: OpenStackSim | undefined;
  afterEach(async () => {
    await sim?.close();
    sim = undefined;
  });

  it('treats compute_api_version: 2 as the major version and negotiates the microversion', async () => {
    sim = await startFastSim();
    const os = client(load(sim, '    compute_api_version: 2\n'));
    expect((await os.flavors.list()).length).toBeGreaterThan(0);
    expect(lastSent(sim)).toBe('compute 2.79');
    expect(sim.state.requests.filter((r) => r.path === '/compute/v2.1/')).toHaveLength(1);
    await os.flavors.list();
    expect(sim.state.requests.filter((r) => r.path === '/compute/v2.1/')).toHaveLength(1);
    await os.close();
  });

  it('speaks an older cloud at its maximum, and refuses a create it cannot do before sending it', async () => {
    sim = await startFastSim({ computeMaxVersion: '2.36' });
    const os = client(load(sim, ''));
    expect((await os.servers.list()).length).toBeGreaterThan(0);
    expect(lastSent(sim)).toBe('compute 2.36');
    const flavorRef = sim.state.cloud.flavors[0]!.id;
    await expect(os.servers.create({ name: 'alibuild99', flavorRef, imageRef: sim.state.cloud.images[0]!.id })).rejects.toThrow(
      "This cloud's Nova speaks compute microversions up to 2.36; creating a server with networks: auto needs 2.37 or later. Nothing was sent.",
    );
    expect(sim.state.requests.some((r) => r.method === 'POST' && r.path === '/compute/v2.1/servers')).toBe(false);
    await os.close();
  });

  it('takes compute_default_microversion as written: an unquoted 2.10 stays 2.10', async () => {
    sim = await startFastSim();
    const config = load(sim, '    compute_api_version: 2\n    compute_default_microversion: 2.10\n');
    expect(config.computeMicroversion).toBe('2.10');
    const os = client(config);
    await os.flavors.list();
    expect(lastSent(sim)).toBe('compute 2.10');
    expect(sim.state.requests.some((r) => r.path === '/compute/v2.1/')).toBe(false);
    await expect(os.servers.create({ name: 'alibuild99', flavorRef: sim.state.cloud.flavors[0]!.id })).rejects.toThrow(
      'creating a server with networks: auto needs compute microversion 2.37 or later, but 2.10 is configured (compute_default_microversion or OS_COMPUTE_API_VERSION). Nothing was sent.',
    );
    await os.close();
  });

  it('takes OS_COMPUTE_API_VERSION as a microversion only with a minor part', async () => {
    sim = await startFastSim();
    expect(load(sim, '', { OS_COMPUTE_API_VERSION: '2.37' }).computeMicroversion).toBe('2.37');
    expect(load(sim, '', { OS_COMPUTE_API_VERSION: '2' }).computeMicroversion).toBeUndefined();
    expect(load(sim, '    compute_api_version: 2.37\n').computeMicroversion).toBeUndefined();
    expect(() => load(sim!, '    compute_default_microversion: two\n')).toThrow(
      /compute_default_microversion "two" is not a compute microversion \(like 2\.79\)/,
    );
  });
});
