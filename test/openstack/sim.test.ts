/** The simulator answers like the real services where our client does not look: raw HTTP checks. */
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenStackSim } from '../../sim/openstack/index.js';
import { ALICE_CREDENTIALS } from '../../sim/openstack/scenario.js';
import { client, passwordConfig, POLL, startFastSim } from './helpers.js';

let sim: OpenStackSim;
let token: string;
beforeAll(async () => {
  sim = await startFastSim();
  const c = ALICE_CREDENTIALS;
  const res = await request(`${sim.authUrl}/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: { methods: ['password'], password: { user: { name: c.username, domain: { name: 'Default' }, password: c.password } } },
        scope: { project: { name: c.projectName, domain: { id: 'default' } } },
      },
    }),
  });
  expect(res.statusCode).toBe(201);
  await res.body.text();
  token = String(res.headers['x-subject-token']);
});
afterAll(() => sim.close());

async function nova(path: string, init: { method?: 'GET' | 'POST' | 'DELETE'; version?: string; body?: unknown; auth?: boolean } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.auth !== false) headers['x-auth-token'] = token;
  if (init.version) headers['openstack-api-version'] = `compute ${init.version}`;
  const res = await request(`${sim.url}/compute/v2.1${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, json: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

describe('OpenStack simulator wire behaviour', () => {
  it("answers 401 with Keystone's body and WWW-Authenticate when the token is missing", async () => {
    const res = await nova('/servers', { auth: false });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } });
    expect(res.headers['www-authenticate']).toBe(`Keystone uri="${sim.url}/identity"`);
  });

  it('refuses a scope with an application credential', async () => {
    const c = ALICE_CREDENTIALS;
    const res = await request(`${sim.authUrl}/auth/tokens`, {
      method: 'POST',
      body: JSON.stringify({
        auth: {
          identity: { methods: ['application_credential'], application_credential: { id: c.appCredentialId, secret: c.appCredentialSecret } },
          scope: { project: { id: 'x' } },
        },
      }),
    });
    expect(res.statusCode).toBe(401);
    expect(await res.body.json()).toMatchObject({ error: { message: 'Application credentials cannot request a scope.' } });
  });

  it('speaks microversions: 2.1 by default, echoes the version, 406 out of range', async () => {
    const old = await nova('/flavors/detail');
    expect(old.headers['openstack-api-version']).toBe('compute 2.1');
    expect((old.json?.flavors as { swap: unknown }[] | undefined)?.[0]?.swap).toBe('');
    const server = (await nova('/servers/detail?name=^alibuild03$', { version: '2.47' })).json?.servers as { flavor: unknown }[];
    expect(server[0]?.flavor).toMatchObject({ original_name: 'm2.2xlarge', vcpus: 16 });
    const tooNew = await nova('/servers', { version: '2.200' });
    expect(tooNew.status).toBe(406);
    expect(tooNew.json).toEqual({ computeFault: { code: 406, message: 'Version 2.200 is not supported by the API. Minimum is 2.1 and maximum is 2.104.' } });
  });

  it('validates bodies and queries like Nova: networks required from 2.37, unknown query keys 400 from 2.75', async () => {
    const flavorRef = sim.state.cloud.flavors[0]?.id;
    const noNetworks = await nova('/servers', {
      method: 'POST',
      version: '2.37',
      body: { server: { name: 'x', flavorRef, imageRef: sim.state.cloud.images[0]?.id } },
    });
    expect(noNetworks.status).toBe(400);
    expect(noNetworks.json).toHaveProperty('badRequest');
    const extra = await nova('/servers', { method: 'POST', version: '2.79', body: { server: { name: 'x', flavorRef, networks: 'auto', colour: 'blue' } } });
    expect(extra.status).toBe(400);
    expect((await nova('/servers?flavour=x', { version: '2.75' })).status).toBe(400);
    expect((await nova('/servers?flavour=x', { version: '2.74' })).status).toBe(200);
  });

  it('treats the name filter as an unanchored regex, as Nova does', async () => {
    const names = ((await nova('/servers?name=alibuild1')).json?.servers as { name: string }[] | undefined)!.map((s) => s.name).sort();
    expect(names).toEqual(['alibuild1', 'alibuild10', 'alibuild10-old', 'alibuild11', 'alibuild12']);
  });

  it('answers a volume attach with 202 and no body from 2.101, and the client copes', async () => {
    const os = client(passwordConfig(sim, { computeMicroversion: '2.101' }));
    const server = await os.servers.getByName('alibuild09');
    const volume = await os.volumes.create({ name: 'scratch', size: 10 });
    await os.volumes.waitForStatus(volume.id, 'available', POLL);
    expect(await os.servers.attachVolume(server.id, volume.id)).toBeUndefined();
    expect((await os.volumes.waitForStatus(volume.id, 'in-use', POLL)).volume_type).toBe('standard');
    const listed = await os.servers.volumeAttachments(server.id);
    expect(listed.find((a) => a.volumeId === volume.id)).toMatchObject({ attachment_id: expect.any(String), delete_on_termination: false });
    await os.close();
  });

  it('injects latency and one-off failures', async () => {
    sim.controls.failNext({ status: 503, path: '/flavors' });
    expect((await nova('/flavors')).status).toBe(503);
    expect((await nova('/flavors')).status).toBe(200);
    sim.controls.setLatency(80);
    const t0 = Date.now();
    await nova('/flavors');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(75);
    sim.controls.setLatency(0);
  });
});
