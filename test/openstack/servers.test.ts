import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenStackSim } from '../../sim/openstack/index.js';
import {
  OpenStackBadRequestError,
  OpenStackConflictError,
  OpenStackNotFoundError,
  OpenStackQuotaError,
  novaStatus,
  type OpenStack,
} from '../../src/openstack/index.js';
import { escapeRegex } from '../../src/openstack/servers.js';
import { ALICE_CREDENTIALS } from '../../sim/openstack/scenario.js';
import { client, CloudClock, passwordConfig, POLL, startFastSim } from './helpers.js';

let sim: OpenStackSim;
let os: OpenStack;
const cloud = new CloudClock();
beforeAll(async () => {
  sim = await startFastSim({ maxLimit: 5, now: cloud.now });
  os = client(passwordConfig(sim));
});
afterAll(async () => {
  await os.close();
  await sim.close();
});

describe('finding servers by exact name', () => {
  it('does not confuse alibuild1 with alibuild10..12, nor alibuild10 with alibuild10-old', async () => {
    expect((await os.servers.list({ name: 'alibuild1' })).map((s) => s.name)).toEqual(['alibuild1']);
    expect((await os.servers.list({ name: 'alibuild10' })).map((s) => s.name)).toEqual(['alibuild10']);
    expect((await os.servers.getByName('alibuild10-old')).status).toBe('SHUTOFF');
    const sent = sim.state.requests.filter((r) => r.path === '/compute/v2.1/servers/detail').map((r) => r.query.get('name'));
    expect(sent.slice(0, 3)).toEqual(['^alibuild1$', '^alibuild10$', '^alibuild10-old$']);
  });

  it('anchors and escapes the regex Nova receives', () => {
    expect(escapeRegex('alibuild1')).toBe('alibuild1');
    expect(escapeRegex('a.b+c(1)')).toBe('a\\.b\\+c\\(1\\)');
  });

  it('reads every page (max_limit 5) and sees all 17 servers', async () => {
    const all = await os.servers.list();
    expect(all).toHaveLength(17);
    expect(new Set(all.map((s) => s.id)).size).toBe(17);
  });

  it('explains a name that matches nothing', async () => {
    await expect(os.servers.getByName('alibuild99')).rejects.toThrow("No server with a name or ID of 'alibuild99' exists.");
  });

  it("maps an unknown id to itemNotFound with Nova's text", async () => {
    const err = await os.servers.show('00000000-0000-0000-0000-000000000000').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenStackNotFoundError);
    expect((err as Error).message).toBe('OpenStack refused: Instance 00000000-0000-0000-0000-000000000000 could not be found.');
  });
});

describe('reboot --hard', () => {
  it('goes HARD_REBOOT at once and ACTIVE over time', async () => {
    const server = await os.servers.getByName('alibuild07');
    cloud.hold();
    await os.servers.rebootHard(server.id);
    const during = await os.servers.show(server.id);
    expect(during.status).toBe('HARD_REBOOT');
    expect(during['OS-EXT-STS:task_state']).toBe('rebooting_hard');
    // A second hard reboot during HARD_REBOOT is accepted (ALLOW_REBOOT).
    await os.servers.rebootHard(server.id);
    cloud.release();
    const after = await os.servers.waitForStatus(server.id, 'ACTIVE', POLL);
    expect(after['OS-EXT-STS:task_state']).toBeNull();
    expect((await os.servers.actions(server.id)).map((a) => a.action).slice(0, 2)).toEqual(['reboot', 'reboot']);
  });

  it('is refused with 409 while the server is being rebuilt, with a readable message', async () => {
    const server = await os.servers.getByName('alibuild08');
    sim.controls.setServerStatus('alibuild08', 'REBUILD');
    const err = await os.servers.rebootHard(server.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenStackConflictError);
    expect((err as OpenStackConflictError).fault).toBe('conflictingRequest');
    expect((err as Error).message).toBe(`OpenStack refused: Cannot 'reboot' instance ${server.id} while it is in task_state rebuilding`);
    sim.controls.setServerStatus('alibuild08', 'ACTIVE');
  });
});

describe('rebuild', () => {
  it('rebuilds alimesos02 from the latest ALMA9 image: REBUILD, then ACTIVE with the new image', async () => {
    const server = await os.servers.getByName('alimesos02');
    const older = (await os.images.list()).find((i) => i.name === 'ALMA9 - x86_64 [2023-11-02]');
    const latest = await os.images.getLatestByName('ALMA9 - x86_64');
    expect(latest.id).not.toBe(older?.id);
    cloud.hold();
    const rebuilt = await os.servers.rebuild(server.id, latest.id);
    expect(rebuilt.status).toBe('REBUILD');
    // Nothing else may start until it is done.
    await expect(os.servers.rebuild(server.id, latest.id)).rejects.toThrow(`Cannot 'rebuild' instance ${server.id} while it is in task_state rebuilding`);
    cloud.release();
    const after = await os.servers.waitForStatus(server.id, 'ACTIVE', POLL);
    expect(after.image).toMatchObject({ id: latest.id });
  });

  it('refuses an unknown image with 400', async () => {
    const server = await os.servers.getByName('alimesos03');
    const err = await os.servers.rebuild(server.id, 'no-such-image').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenStackBadRequestError);
    expect((err as Error).message).toBe('OpenStack refused: Cannot find image for rebuild');
  });
});

describe('create and delete', () => {
  it('creates an agent that goes BUILD → ACTIVE, then deletes it', async () => {
    const flavor = await os.flavors.getByName('m2.2xlarge');
    const image = await os.images.getLatestByName('ALMA9 - x86_64');
    cloud.hold();
    const created = await os.servers.create({
      name: 'alibuild13',
      flavorRef: flavor.id,
      imageRef: image.id,
      keyName: 'alibuild',
      availabilityZone: 'cern-geneva-a',
    });
    expect((await os.servers.show(created.id)).status).toBe('BUILD');
    cloud.release();
    const active = await os.servers.waitForStatus(created.id, 'ACTIVE', POLL);
    expect(active.flavor).toMatchObject({ original_name: 'm2.2xlarge' });
    expect(active.key_name).toBe('alibuild');
    await os.servers.delete(created.id);
    await os.servers.waitForDeleted(created.id, POLL);
    await expect(os.servers.getByName('alibuild13')).rejects.toThrow(/No server/);
  });

  it('ends in ERROR with the fault when the cloud fails the build', async () => {
    const flavor = await os.flavors.getByName('m2.2xlarge');
    const image = await os.images.getLatestByName('ALMA9 - x86_64');
    sim.controls.failNextCreate('alibuild14');
    const created = await os.servers.create({ name: 'alibuild14', flavorRef: flavor.id, imageRef: image.id });
    await expect(os.servers.waitForStatus(created.id, 'ACTIVE', POLL)).rejects.toThrow(
      'Server alibuild14 went to ERROR: No valid host was found. There are not enough hosts available.',
    );
    expect((await os.servers.show(created.id)).fault?.code).toBe(500);
    await os.servers.delete(created.id);
    await os.servers.waitForDeleted(created.id, POLL);
  });

  it('puts a second bare-metal server in ERROR: the flavor is listed but has no capacity left', async () => {
    const physical = client(passwordConfig(sim, { auth: { ...passwordConfig(sim).auth, projectName: ALICE_CREDENTIALS.physicalProjectName } }));
    const flavor = await physical.flavors.getByName('p1.dl8254131.S513-V-IP42');
    const image = await physical.images.getLatestByName('ALMA9 - x86_64');
    const first = await physical.servers.create({ name: 'alimetal01', flavorRef: flavor.id, imageRef: image.id });
    const second = await physical.servers.create({ name: 'alimetal02', flavorRef: flavor.id, imageRef: image.id });
    expect((await physical.servers.waitForStatus(first.id, 'ACTIVE', POLL)).status).toBe('ACTIVE');
    expect((await physical.servers.waitForStatus(second.id, 'ERROR', POLL)).fault?.message).toMatch(/No valid host/);
    // Servers of one project are invisible to the other.
    expect(await os.servers.list({ name: 'alimetal01' })).toEqual([]);
    for (const id of [first.id, second.id]) await physical.servers.delete(id);
    await physical.close();
  });

  it("reports Nova's quota message", async () => {
    const flavor = await os.flavors.getByName('m2.2xlarge');
    const image = await os.images.getLatestByName('ALMA9 - x86_64');
    const used = sim.state.usage(sim.state.cloud.projects[0]?.id ?? '').cores;
    sim.controls.setQuota({ cores: used + 8 });
    const err = await os.servers.create({ name: 'alibuild15', flavorRef: flavor.id, imageRef: image.id }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenStackQuotaError);
    expect((err as Error).message).toBe(`OpenStack refused: Quota exceeded for cores: Requested 16, but already used ${used} of ${used + 8} cores`);
    sim.controls.setQuota({ cores: 1000 });
  });

  it('refuses an unknown flavor and a missing image with badRequest', async () => {
    await expect(os.servers.create({ name: 'x1', flavorRef: 'nope', imageRef: 'nope' })).rejects.toThrow('OpenStack refused: Flavor nope could not be found.');
  });
});

describe('status from vm_state and task_state', () => {
  it.each([
    ['active', null, 'ACTIVE'],
    ['active', 'reboot_started_hard', 'HARD_REBOOT'],
    ['active', 'rebooting', 'REBOOT'],
    ['error', 'rebuild_spawning', 'REBUILD'],
    ['building', 'spawning', 'BUILD'],
    ['stopped', null, 'SHUTOFF'],
    ['error', null, 'ERROR'],
    ['active', 'deleting', 'ACTIVE'],
    ['zombie', null, 'UNKNOWN'],
  ])('%s + %s → %s', (vm, task, status) => {
    expect(novaStatus(vm, task)).toBe(status);
  });
});
