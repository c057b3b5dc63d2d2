/**
 * Nova servers: what operators do with `openstack server …` and ai-bs / ai-rebuild-vm / ai-kill
 * (seed 002): list and show by exact name, create, reboot --hard, rebuild, delete, volume attachments.
 */
import { UserFacingError } from '../errors.js';
import { parseJson } from '../http/json-client.js';
import {
  NovaCreatedServer,
  NovaInstanceActionList,
  NovaRebuiltServer,
  NovaServerList,
  NovaServerShow,
  NovaVolumeAttachmentList,
  NovaVolumeAttachmentShow,
  type NovaInstanceAction,
  type NovaServer,
  type NovaVolumeAttachment,
} from './schemas/nova.js';
import { describeServerState, isSettled } from './server-status.js';
import { nextMarker, type OpenStackTransport } from './transport.js';
import type { ServerCreateRequest, ServerFilter, WaitOptions } from './requests.js';
import { pollUntil, waitUntilGone } from './wait.js';

export type { BlockDeviceMapping, ServerCreateRequest, ServerFilter } from './requests.js';

export class NovaServers {
  constructor(private readonly t: OpenStackTransport) {}

  /** `GET /servers/detail`, every page, names matched exactly. */
  async list(filter: ServerFilter = {}): Promise<NovaServer[]> {
    const out: NovaServer[] = [];
    let marker: string | undefined;
    do {
      const page = await this.t.json(
        'compute',
        {
          method: 'GET',
          path: '/servers/detail',
          query: {
            name: filter.name === undefined ? undefined : `^${escapeRegex(filter.name)}$`,
            status: filter.status,
            limit: filter.pageSize,
            marker,
          },
        },
        NovaServerList,
        'server list',
      );
      out.push(...page.servers);
      marker = page.servers.length > 0 ? nextMarker(page.servers_links) : undefined;
    } while (marker);
    return filter.name === undefined ? out : out.filter((s) => s.name === filter.name);
  }

  async show(id: string): Promise<NovaServer> {
    return (await this.t.json('compute', { method: 'GET', path: `/servers/${enc(id)}` }, NovaServerShow, 'server')).server;
  }

  /** The one server with this exact name; a clear error when there is none or several (like `openstack server show`). */
  async getByName(name: string): Promise<NovaServer> {
    const found = await this.list({ name });
    if (found.length === 0) throw new UserFacingError(`No server with a name or ID of '${name}' exists.`);
    if (found.length > 1) {
      throw new UserFacingError(`More than one server exists with the name '${name}' (${found.map((s) => s.id).join(', ')}).`);
    }
    return found[0] as NovaServer;
  }

  /** `POST /servers` → 202; the server starts in BUILD. */
  async create(req: ServerCreateRequest): Promise<{ id: string; adminPass?: string }> {
    const server: Record<string, unknown> = {
      name: req.name,
      flavorRef: req.flavorRef,
      networks: req.networks ?? 'auto',
    };
    if (req.imageRef) server.imageRef = req.imageRef;
    if (req.availabilityZone) server.availability_zone = req.availabilityZone;
    if (req.keyName) server.key_name = req.keyName;
    if (req.blockDeviceMappings) server.block_device_mapping_v2 = req.blockDeviceMappings;
    if (req.metadata) server.metadata = req.metadata;
    if (req.securityGroups) server.security_groups = req.securityGroups.map((name) => ({ name }));
    if (req.userData) server.user_data = Buffer.from(req.userData).toString('base64');
    // `networks: "auto"`/`"none"` exist from 2.37 ("Get me a Network"); a list works with any version.
    const needs = typeof server.networks === 'string' ? { microversion: '2.37', what: `creating a server with networks: ${server.networks}` } : undefined;
    const created = await this.t.json(
      'compute',
      { method: 'POST', path: '/servers', body: { server }, expect: [202], ...(needs ? { needs } : {}) },
      NovaCreatedServer,
      'created server',
    );
    this.t.redactor.add(created.server.adminPass);
    return { id: created.server.id, ...(created.server.adminPass ? { adminPass: created.server.adminPass } : {}) };
  }

  /** `openstack server reboot --hard`: 202, status HARD_REBOOT at once, ACTIVE when done. */
  async rebootHard(id: string): Promise<void> {
    await this.t.send('compute', { method: 'POST', path: `/servers/${enc(id)}/action`, body: { reboot: { type: 'HARD' } }, expect: [202] });
  }

  /** Reinstalls from `imageRef` keeping name, flavor, addresses and volumes; status REBUILD, then ACTIVE. */
  async rebuild(id: string, imageRef: string, opts: { name?: string; metadata?: Record<string, string> } = {}): Promise<NovaRebuiltServer['server']> {
    const body = { rebuild: { imageRef, ...opts } };
    const res = await this.t.json('compute', { method: 'POST', path: `/servers/${enc(id)}/action`, body, expect: [202] }, NovaRebuiltServer, 'rebuilt server');
    return res.server;
  }

  /** `DELETE /servers/{id}` → 204; allowed in any state. Attached volumes are detached, not deleted. */
  async delete(id: string): Promise<void> {
    await this.t.send('compute', { method: 'DELETE', path: `/servers/${enc(id)}`, expect: [204] });
  }

  async volumeAttachments(id: string): Promise<NovaVolumeAttachment[]> {
    const res = await this.t.json(
      'compute',
      { method: 'GET', path: `/servers/${enc(id)}/os-volume_attachments` },
      NovaVolumeAttachmentList,
      'volume attachments',
    );
    return res.volumeAttachments;
  }

  /** Asynchronous: poll the volume until `in-use`. From 2.101 Nova answers 202 without a body. */
  async attachVolume(serverId: string, volumeId: string, opts: { device?: string } = {}): Promise<NovaVolumeAttachment | undefined> {
    const reply = await this.t.send('compute', {
      method: 'POST',
      path: `/servers/${enc(serverId)}/os-volume_attachments`,
      body: { volumeAttachment: { volumeId, ...(opts.device ? { device: opts.device } : {}) } },
      expect: [200, 202],
    });
    if (!reply.text) return undefined;
    return parseJson('openstack', reply.text, NovaVolumeAttachmentShow, 'volume attachment').volumeAttachment;
  }

  /** Asynchronous: the volume goes `detaching`, then `available`. */
  async detachVolume(serverId: string, volumeId: string): Promise<void> {
    await this.t.send('compute', { method: 'DELETE', path: `/servers/${enc(serverId)}/os-volume_attachments/${enc(volumeId)}`, expect: [202] });
  }

  /** Newest first: why an action failed when the server did not go to ERROR. */
  async actions(id: string): Promise<NovaInstanceAction[]> {
    const res = await this.t.json('compute', { method: 'GET', path: `/servers/${enc(id)}/os-instance-actions` }, NovaInstanceActionList, 'instance actions');
    return res.instanceActions;
  }

  /** Polls until the server is `status` with no task in progress; an ERROR server fails with Nova's fault message. */
  async waitForStatus(id: string, status = 'ACTIVE', opts: WaitOptions = {}): Promise<NovaServer> {
    let last: NovaServer | undefined;
    return pollUntil(
      `server ${id} to be ${status}`,
      async () => {
        last = await this.show(id);
        if (last.status === 'ERROR' && status !== 'ERROR' && isSettled(last)) {
          const why = last.fault ? `: ${last.fault.message}` : '';
          throw new UserFacingError(`Server ${last.name} went to ERROR${why}`);
        }
        return last.status === status && isSettled(last) ? last : undefined;
      },
      () => (last ? `${last.name} is ${describeServerState(last)}` : 'no answer yet'),
      opts,
    );
  }

  /** Polls until `GET /servers/{id}` answers 404. */
  waitForDeleted(id: string, opts: WaitOptions = {}): Promise<void> {
    return waitUntilGone(
      `server ${id}`,
      () => this.show(id),
      (last) => `${last.name} is still ${describeServerState(last)}`,
      opts,
    );
  }
}

/** Nova matches `name` with MySQL REGEXP / Python re: escape the metacharacters. */
export function escapeRegex(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const enc = encodeURIComponent;
