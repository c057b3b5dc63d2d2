import { afterEach, describe, expect, it } from 'vitest';
import type { OpenStackSim } from '../../sim/openstack/index.js';
import { ALICE_CREDENTIALS } from '../../sim/openstack/scenario.js';
import { cinderV3Url, selectEndpoint } from '../../src/openstack/catalog.js';
import { OpenStackAuthError, type OpenStack } from '../../src/openstack/index.js';
import { KeystoneToken } from '../../src/openstack/schemas/keystone.js';
import { appCredConfig, client, passwordConfig, startFastSim } from './helpers.js';
import { readJsonFixture } from '../support/reference.js';

let sim: OpenStackSim | undefined;
let os: OpenStack | undefined;
afterEach(async () => {
  await os?.close();
  await sim?.close();
  os = sim = undefined;
});

const authCalls = (s: OpenStackSim) => s.state.requests.filter((r) => r.path === '/identity/v3/auth/tokens').length;

describe('Keystone authentication against the simulator', () => {
  it('logs in with a password scoped to the project by name, and sends the token to Nova', async () => {
    sim = await startFastSim();
    os = client(passwordConfig(sim));
    const servers = await os.servers.list();
    expect(servers.map((s) => s.name)).toContain('alibuild07');
    const novaCall = sim.state.requests.find((r) => r.path === '/compute/v2.1/servers/detail');
    expect(novaCall?.headers['x-auth-token']).toMatch(/^gAAAAA/);
    expect(novaCall?.headers['openstack-api-version']).toBe('compute 2.79');
    expect(novaCall?.headers['x-openstack-nova-api-version']).toBe('2.79');
  });

  it('logs in with a project id and a user id', async () => {
    sim = await startFastSim();
    const project = sim.state.cloud.projects[0];
    const user = sim.state.cloud.users[0];
    os = client(
      passwordConfig(sim, { auth: { authUrl: `${sim.url}/identity`, userId: user?.id, password: ALICE_CREDENTIALS.password, projectId: project?.id } }),
    );
    expect((await os.flavors.list()).length).toBe(3);
  });

  it('logs in with an application credential, by id and by name plus user', async () => {
    sim = await startFastSim();
    os = client(appCredConfig(sim));
    expect((await os.images.list()).length).toBe(2);
    await os.close();
    const c = ALICE_CREDENTIALS;
    os = client({
      ...appCredConfig(sim),
      auth: {
        authUrl: sim.authUrl,
        applicationCredentialName: c.appCredentialName,
        applicationCredentialSecret: c.appCredentialSecret,
        username: c.username,
        userDomainName: 'Default',
      },
    });
    expect((await os.servers.getByName('alimesos02'))['OS-EXT-AZ:availability_zone']).toBe('cern-geneva-b');
  });

  it('reports wrong credentials as an auth error with a hint', async () => {
    sim = await startFastSim();
    os = client(passwordConfig(sim, { auth: { ...passwordConfig(sim).auth, password: 'not-the-password' } }));
    const err = await os.servers.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenStackAuthError);
    expect((err as Error).message).toBe(
      'OpenStack refused: The request you have made requires authentication. (check the password or application credential, or whether it expired)',
    );
  });
});

describe('token reuse and renewal', () => {
  it('reuses one token for many calls and shares one login among concurrent callers', async () => {
    sim = await startFastSim();
    os = client(passwordConfig(sim));
    sim.controls.setLatency(20);
    await Promise.all([os.servers.list(), os.flavors.list(), os.images.list(), os.volumes.list(), os.servers.show(sim.state.server('alibuild01')?.id ?? '')]);
    sim.controls.setLatency(0);
    await os.servers.list();
    expect(authCalls(sim)).toBe(1);
  });

  it('re-authenticates once after a 401 and the call still succeeds', async () => {
    sim = await startFastSim();
    os = client(passwordConfig(sim));
    await os.servers.list();
    sim.controls.expireTokens();
    expect((await os.servers.getByName('alibuild03')).status).toBe('ACTIVE');
    expect(authCalls(sim)).toBe(2);
  });

  it('gives up when the fresh token is refused too', async () => {
    sim = await startFastSim();
    os = client(passwordConfig(sim));
    await os.servers.list();
    sim.controls.failNext({ status: 401, path: '/compute/' });
    sim.controls.failNext({ status: 401, path: '/compute/' });
    await expect(os.servers.list()).rejects.toBeInstanceOf(OpenStackAuthError);
    expect(authCalls(sim)).toBe(2);
  });

  it('gets a new token before the old one expires (margin), not after', async () => {
    sim = await startFastSim({ tokenTtlMs: 60_000 });
    os = client(passwordConfig(sim)); // default margin 120 s > 60 s of life: renew every call
    await os.flavors.list();
    await os.flavors.list();
    expect(authCalls(sim)).toBe(2);
    await os.close();
    os = client(passwordConfig(sim), { reauthMarginMs: 10_000 });
    await os.flavors.list();
    await os.flavors.list();
    expect(authCalls(sim)).toBe(3);
  });
});

describe('service catalog', () => {
  const fixture = KeystoneToken.parse(readJsonFixture('openstack', 'keystone-token-catalog-resp.json')).token.catalog ?? [];

  it('picks compute by interface and region from the upstream sample', () => {
    expect(selectEndpoint(fixture, 'compute', { interface: 'internal', regionName: 'RegionOne' }).url).toBe(
      'http://23.253.248.171:8774/v2.1/a6944d763bf64ee6a275f1263fae0352',
    );
    expect(() => selectEndpoint(fixture, 'compute', { interface: 'public', regionName: 'cern' })).toThrow(
      /no compute endpoint for interface public in region cern \(offered: identity\/public\/RegionOne/,
    );
  });

  it('finds block-storage through its aliases, volumev2 before volume, and uses the v3 URL', () => {
    const choice = selectEndpoint(fixture, 'block-storage', { interface: 'public' });
    expect(choice.serviceType).toBe('volumev2');
    expect(cinderV3Url(choice.url)).toBe('http://23.253.248.171:8776/v3/a6944d763bf64ee6a275f1263fae0352');
  });

  it('prefers the exact type, then the first interface in the list that matches', () => {
    const ep = (iface: string, url: string) => ({ id: url, interface: iface, region_id: 'cern', url });
    const catalog = [
      { id: '1', type: 'volumev3', endpoints: [ep('public', 'http://v3-public')] },
      { id: '2', type: 'block-storage', endpoints: [ep('internal', 'http://bs-internal'), ep('admin', 'http://bs-admin'), ep('public', '')] },
    ];
    expect(selectEndpoint(catalog, 'block-storage', { interface: ['public', 'admin'] }).url).toBe('http://bs-admin');
    expect(selectEndpoint(catalog, 'block-storage', { interface: 'public' }).url).toBe('http://v3-public');
  });

  it('talks to the internal endpoints and a volumev3 catalog entry when configured so', async () => {
    sim = await startFastSim({ blockStorageType: 'volumev3' });
    os = client(passwordConfig(sim, { interface: 'internal', regionName: 'cern' }));
    expect(await os.endpoint('block-storage')).toMatch(/\/internal\/volume\/v3\/[0-9a-f]{32}$/);
    const volume = await os.volumes.getByName('alibuild08-store');
    expect(volume.size).toBe(500);
    const hits = sim.state.requests.filter((r) => r.path.startsWith('/volume/'));
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((r) => r.interface === 'internal')).toBe(true);
  });
});
