/** Cinder v3 `/volume/v3/{project_id}/volumes`: create (type, quota), show, list, delete (refused while attached). */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendJson, type SimRequest, type SimRouter } from '../http/server.js';
import { readJson, tokenOf, type SimContext } from './context.js';
import { sendFault } from './faults.js';
import { startVolumeCreate, startVolumeDelete } from './lifecycle.js';
import type { SimVolume } from './model.js';
import { CinderVolumeCreateRequest, invalidInput } from './requests.js';

const DELETABLE = ['available', 'error', 'error_restoring', 'error_extending', 'error_managing'];
const CANNOT_DELETE =
  'Invalid volume: Volume status must be available or error or error_restoring or error_extending or error_managing and must not be migrating, attached, belong to a group, have snapshots, awaiting a transfer, or be disassociated from snapshots after volume transfer.';

export function cinderRoutes(router: SimRouter, ctx: SimContext): void {
  const { state } = ctx;
  const base = (projectId: string) => `${ctx.url}/volume/v3/${projectId}`;

  /** Cinder rejects a project_id in the URL that is not the token's. */
  const scoped = (handler: (req: SimRequest, res: ServerResponse, projectId: string) => void) => (req: SimRequest, res: ServerResponse) => {
    const token = tokenOf(ctx, req);
    if (req.params.project !== token.projectId) return sendFault(res, 400, 'Malformed request url');
    state.advance();
    handler(req, res, token.projectId);
  };

  const view = (v: SimVolume) => {
    const type = state.cloud.volumeTypes.find((t) => t.id === v.volumeTypeId);
    return {
      id: v.id,
      name: v.name,
      status: v.status,
      size: v.size,
      availability_zone: v.availabilityZone,
      bootable: 'false',
      encrypted: false,
      multiattach: false,
      description: v.description,
      metadata: {},
      created_at: v.createdAt,
      updated_at: v.updatedAt,
      user_id: v.userId,
      volume_type: type?.name ?? null,
      snapshot_id: null,
      source_volid: null,
      consistencygroup_id: null,
      replication_status: null,
      migration_status: null,
      'os-vol-tenant-attr:tenant_id': v.projectId,
      attachments: v.attachments.map((a) => ({
        server_id: a.serverId,
        attachment_id: a.attachmentId,
        attached_at: a.attachedAt,
        host_name: null,
        volume_id: v.id,
        device: a.device,
        id: v.id,
      })),
      links: [
        { href: `${base(v.projectId)}/volumes/${v.id}`, rel: 'self' },
        { href: `${base(v.projectId)}/volumes/${v.id}`, rel: 'bookmark' },
      ],
    };
  };

  const list = (detail: boolean) =>
    scoped((req, res, projectId) => {
      let volumes = state.cloud.volumes.filter((v) => v.projectId === projectId);
      const name = req.query.get('name');
      if (name !== null) volumes = volumes.filter((v) => v.name === name);
      const status = req.query.get('status');
      if (status !== null) volumes = volumes.filter((v) => v.status === status);
      const marker = req.query.get('marker');
      if (marker !== null) volumes = volumes.slice(volumes.findIndex((v) => v.id === marker) + 1);
      const limit = Number(req.query.get('limit') ?? 1000) || 1000;
      const page = volumes.slice(0, limit);
      const body: Record<string, unknown> = {
        volumes: page.map((v) => (detail ? view(v) : { id: v.id, name: v.name, links: view(v).links })),
      };
      const last = page[page.length - 1];
      if (last && page.length === limit && volumes.length > limit) {
        const next = new URLSearchParams(req.query);
        next.set('marker', last.id);
        body.volumes_links = [{ href: `${base(projectId)}/volumes${detail ? '/detail' : ''}?${next}`, rel: 'next' }];
      }
      sendJson(res, 200, body);
    });
  router.on('GET', '/volume/v3/:project/volumes', list(false));
  router.on('GET', '/volume/v3/:project/volumes/detail', list(true));

  router.on(
    'GET',
    '/volume/v3/:project/volumes/:id',
    scoped((req, res, projectId) => {
      const volume = state.cloud.volumes.find((v) => v.id === req.params.id && v.projectId === projectId);
      if (!volume) return sendFault(res, 404, `Volume ${req.params.id} could not be found.`);
      sendJson(res, 200, { volume: view(volume) });
    }),
  );

  router.on(
    'POST',
    '/volume/v3/:project/volumes',
    scoped((req, res, projectId) => {
      const parsed = CinderVolumeCreateRequest.safeParse(readJson(req));
      if (!parsed.success) return sendFault(res, 400, invalidInput(parsed.error));
      const v = parsed.data.volume;
      if (v.size === null) return sendFault(res, 400, 'Invalid input received: size is required');
      const size = Number(v.size);
      const typeName = v.volume_type ?? state.cloud.defaultVolumeType;
      const type = state.cloud.volumeTypes.find((t) => t.name === typeName || t.id === typeName);
      if (!type) return sendFault(res, 404, `Volume type with name ${typeName} could not be found.`);
      const q = state.quota(projectId);
      const used = state.usage(projectId);
      if (used.volumes + 1 > q.volumes)
        return sendFault(res, 413, `VolumeLimitExceeded: Maximum number of volumes allowed (${q.volumes}) exceeded for quota 'volumes'.`);
      if (used.gigabytes + size > q.gigabytes) {
        return sendFault(
          res,
          413,
          `VolumeSizeExceedsAvailableQuota: Requested volume or snapshot exceeds allowed gigabytes quota. Requested ${size}G, quota is ${q.gigabytes}G and ${used.gigabytes}G has been consumed.`,
        );
      }
      const token = tokenOf(ctx, req);
      const volume: SimVolume = {
        id: randomUUID(),
        name: v.name ?? null,
        projectId,
        userId: token.userId,
        size,
        volumeTypeId: type.id,
        availabilityZone: v.availability_zone ?? 'nova',
        status: 'creating',
        description: v.description ?? null,
        createdAt: state.iso(),
        updatedAt: null,
        attachments: [],
        steps: [],
      };
      state.cloud.volumes.push(volume);
      const body = { volume: view(volume) };
      startVolumeCreate(state, volume);
      sendJson(res, 202, body);
    }),
  );

  router.on(
    'DELETE',
    '/volume/v3/:project/volumes/:id',
    scoped((req, res, projectId) => {
      const volume = state.cloud.volumes.find((v) => v.id === req.params.id && v.projectId === projectId);
      if (!volume) return sendFault(res, 404, `Volume ${req.params.id} could not be found.`);
      if (!DELETABLE.includes(volume.status) || volume.attachments.length > 0) return sendFault(res, 400, CANNOT_DELETE);
      startVolumeDelete(state, volume);
      res.writeHead(202).end();
    }),
  );
}
