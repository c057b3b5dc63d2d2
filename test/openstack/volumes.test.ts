import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenStackSim } from '../../sim/openstack/index.js';
import { OpenStackBadRequestError, OpenStackNotFoundError, OpenStackQuotaError, type OpenStack } from '../../src/openstack/index.js';
import { client, CloudClock, passwordConfig, POLL, startFastSim } from './helpers.js';

let sim: OpenStackSim;
let os: OpenStack;
const cloud = new CloudClock();
beforeAll(async () => {
  sim = await startFastSim({ now: cloud.now });
  os = client(passwordConfig(sim));
});
afterAll(async () => {
  await os.close();
  await sim.close();
});

describe('build disks (Cinder through Nova)', () => {
  it('shows the scenario: every agent has its alibuildXX-store attached, 07-09 with 500 GB', async () => {
    const volumes = await os.volumes.list();
    const stores = volumes.filter((v) => /^alibuild\d\d-store$/.test(v.name ?? ''));
    expect(stores).toHaveLength(12);
    expect(
      stores
        .filter((v) => v.size === 500)
        .map((v) => v.name)
        .sort(),
    ).toEqual(['alibuild07-store', 'alibuild08-store', 'alibuild09-store']);
    expect(stores.every((v) => v.status === 'in-use' && v.volume_type === 'io1')).toBe(true);
    const server = await os.servers.getByName('alibuild04');
    const attachments = await os.servers.volumeAttachments(server.id);
    expect(attachments).toEqual([expect.objectContaining({ device: '/dev/vdb', volumeId: (await os.volumes.getByName('alibuild04-store')).id })]);
  });

  it('creates, attaches, detaches and deletes a volume (creating → available → in-use → available → gone)', async () => {
    const server = await os.servers.getByName('alibuild05');
    cloud.hold();
    const created = await os.volumes.create({ name: 'alibuild05-extra', size: 100, volumeType: 'io1' });
    expect(created.status).toBe('creating');
    cloud.release();
    await os.volumes.waitForStatus(created.id, 'available', POLL);
    const attachment = await os.servers.attachVolume(server.id, created.id);
    expect(attachment?.device).toBe('/dev/vdc');
    const inUse = await os.volumes.waitForStatus(created.id, 'in-use', POLL);
    expect(inUse.attachments[0]).toMatchObject({ server_id: server.id, device: '/dev/vdc' });
    expect((await os.servers.show(server.id))['os-extended-volumes:volumes_attached']?.map((v) => v.id)).toContain(created.id);

    // Cinder refuses to delete an attached volume.
    const refused = await os.volumes.delete(created.id).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OpenStackBadRequestError);
    expect((refused as Error).message).toMatch(/^OpenStack refused: Invalid volume: Volume status must be available or error/);

    cloud.hold();
    await os.servers.detachVolume(server.id, created.id);
    expect((await os.volumes.show(created.id)).status).toBe('detaching');
    cloud.release();
    await os.volumes.waitForStatus(created.id, 'available', POLL);
    expect((await os.servers.volumeAttachments(server.id)).map((a) => a.volumeId)).not.toContain(created.id);
    await os.volumes.delete(created.id);
    await os.volumes.waitForDeleted(created.id, POLL);
    await expect(os.volumes.show(created.id)).rejects.toBeInstanceOf(OpenStackNotFoundError);
  });

  it('deleting an agent frees its build disk, which can then be deleted (seed: "Delete the previously attached volumes")', async () => {
    const server = await os.servers.getByName('alibuild12');
    await os.servers.delete(server.id);
    await os.servers.waitForDeleted(server.id, POLL);
    const store = await os.volumes.getByName('alibuild12-store');
    expect(store.status).toBe('available');
    expect(store.attachments).toEqual([]);
    await os.volumes.delete(store.id);
    await os.volumes.waitForDeleted(store.id, POLL);
  });

  it('creates an agent with a new 1000 GB io1 build disk in one request (block_device_mapping_v2)', async () => {
    const flavor = await os.flavors.getByName('m2.2xlarge');
    const image = await os.images.getLatestByName('ALMA9 - x86_64');
    const created = await os.servers.create({
      name: 'alibuild12',
      flavorRef: flavor.id,
      imageRef: image.id,
      keyName: 'alibuild',
      blockDeviceMappings: [
        { boot_index: 0, uuid: image.id, source_type: 'image', destination_type: 'local' },
        { boot_index: -1, source_type: 'blank', destination_type: 'volume', volume_size: 1000, volume_type: 'io1', delete_on_termination: false },
      ],
    });
    const server = await os.servers.waitForStatus(created.id, 'ACTIVE', POLL);
    const [disk] = server['os-extended-volumes:volumes_attached'] ?? [];
    expect(disk).toBeDefined();
    const volume = await os.volumes.waitForStatus(disk?.id ?? '', 'in-use', POLL);
    expect(volume).toMatchObject({ size: 1000, volume_type: 'io1' });
  });

  it('refuses an attach to a missing volume and an unknown volume type', async () => {
    const server = await os.servers.getByName('alibuild06');
    await expect(os.servers.attachVolume(server.id, 'no-such-volume')).rejects.toThrow('OpenStack refused: Volume no-such-volume could not be found.');
    await expect(os.volumes.create({ name: 'x', size: 1, volumeType: 'gp9' })).rejects.toThrow(
      'OpenStack refused: Volume type with name gp9 could not be found.',
    );
  });

  it("reports Cinder's 413 quota message", async () => {
    sim.controls.setQuota({ gigabytes: 11_000 });
    const err = await os.volumes.create({ name: 'alibuild16-store', size: 1000, volumeType: 'io1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenStackQuotaError);
    expect((err as OpenStackQuotaError).status).toBe(413);
    expect((err as Error).message).toMatch(
      /^OpenStack refused: VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed gigabytes quota\. Requested 1000G, quota is 11000G and \d+G has been consumed\.$/,
    );
    sim.controls.setQuota({ gigabytes: 100_000 });
  });
});
