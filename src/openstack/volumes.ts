/**
 * Cinder v3 volumes: the agents' build disks (`openstack volume create --type io1 --size 1000
 * alibuildXX-store`). Attaching and detaching goes through Nova (`servers.attachVolume`).
 */
import { UserFacingError } from '../errors.js';
import { CinderVolumeList, CinderVolumeShow, type CinderVolume } from './schemas/cinder.js';
import { nextMarker, type OpenStackTransport } from './transport.js';
import type { VolumeCreateRequest, WaitOptions } from './requests.js';
import { pollUntil, waitUntilGone } from './wait.js';

export type { VolumeCreateRequest } from './requests.js';

export class CinderVolumes {
  constructor(private readonly t: OpenStackTransport) {}

  /** `POST /volumes` → 202 with status `creating`. */
  async create(req: VolumeCreateRequest): Promise<CinderVolume> {
    const volume: Record<string, unknown> = { name: req.name, size: req.size };
    if (req.volumeType) volume.volume_type = req.volumeType;
    if (req.availabilityZone) volume.availability_zone = req.availabilityZone;
    if (req.description) volume.description = req.description;
    const res = await this.t.json('block-storage', { method: 'POST', path: '/volumes', body: { volume }, expect: [202] }, CinderVolumeShow, 'created volume');
    return res.volume;
  }

  async show(id: string): Promise<CinderVolume> {
    return (await this.t.json('block-storage', { method: 'GET', path: `/volumes/${encodeURIComponent(id)}` }, CinderVolumeShow, 'volume')).volume;
  }

  /** `GET /volumes/detail`, every page; Cinder's `name` filter is exact. */
  async list(filter: { name?: string; status?: string; pageSize?: number } = {}): Promise<CinderVolume[]> {
    const out: CinderVolume[] = [];
    let marker: string | undefined;
    do {
      const page = await this.t.json(
        'block-storage',
        { method: 'GET', path: '/volumes/detail', query: { name: filter.name, status: filter.status, limit: filter.pageSize, marker } },
        CinderVolumeList,
        'volume list',
      );
      out.push(...page.volumes);
      marker = page.volumes.length > 0 ? nextMarker(page.volumes_links) : undefined;
    } while (marker);
    return filter.name === undefined ? out : out.filter((v) => v.name === filter.name);
  }

  /** The one volume with this exact name, e.g. `alibuild07-store`. */
  async getByName(name: string): Promise<CinderVolume> {
    const found = await this.list({ name });
    if (found.length === 0) throw new UserFacingError(`No volume with a name or ID of '${name}' exists.`);
    if (found.length > 1) throw new UserFacingError(`More than one volume exists with the name '${name}'.`);
    return found[0] as CinderVolume;
  }

  /** `DELETE /volumes/{id}` → 202; Cinder refuses (400) while the volume is attached. */
  async delete(id: string): Promise<void> {
    await this.t.send('block-storage', { method: 'DELETE', path: `/volumes/${encodeURIComponent(id)}`, expect: [202] });
  }

  /** Polls until the volume has `status`; any `error*` status fails. */
  async waitForStatus(id: string, status: string, opts: WaitOptions = {}): Promise<CinderVolume> {
    let last: CinderVolume | undefined;
    return pollUntil(
      `volume ${id} to be ${status}`,
      async () => {
        last = await this.show(id);
        if (last.status.startsWith('error') && !status.startsWith('error')) {
          throw new UserFacingError(`Volume ${last.name ?? id} went to ${last.status}`);
        }
        return last.status === status ? last : undefined;
      },
      () => (last ? `${last.name ?? id} is ${last.status}` : 'no answer yet'),
      opts,
    );
  }

  waitForDeleted(id: string, opts: WaitOptions = {}): Promise<void> {
    return waitUntilGone(
      `volume ${id}`,
      () => this.show(id),
      (last) => `${last.name ?? id} is still ${last.status}`,
      opts,
    );
  }
}
