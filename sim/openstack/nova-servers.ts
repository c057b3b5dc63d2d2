/** Nova `/servers`: list (regex `name` filter, paging), show, create (quota, capacity), delete. */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendJson, type SimRequest, type SimRouter } from '../http/server.js';
import { compute } from './compute.js';
import { readJson, tokenOf, type SimContext } from './context.js';
import { sendFault } from './faults.js';
import { buildFailure, recordAction, startBuild, startDelete } from './lifecycle.js';
import type { Microversion } from './microversion.js';
import type { SimServer } from './model.js';
import { serverView } from './nova-views.js';
import { invalidInput, NovaServerCreateRequest } from './requests.js';
import type { SimState } from './state.js';

const STATUSES = [
  'ACTIVE',
  'BUILD',
  'DELETED',
  'ERROR',
  'HARD_REBOOT',
  'MIGRATING',
  'PASSWORD',
  'PAUSED',
  'REBOOT',
  'REBUILD',
  'RESCUE',
  'RESIZE',
  'REVERT_RESIZE',
  'SHELVED',
  'SHELVED_OFFLOADED',
  'SHUTOFF',
  'SOFT_DELETED',
  'SUSPENDED',
  'UNKNOWN',
  'VERIFY_RESIZE',
];
const QUERY_KEYS = new Set([
  'name',
  'status',
  'limit',
  'marker',
  'flavor',
  'image',
  'ip',
  'ip6',
  'changes-since',
  'changes-before',
  'reservation_id',
  'tags',
  'tags-any',
  'not-tags',
  'not-tags-any',
  'locked',
  'availability_zone',
  'key_name',
  'sort_key',
  'sort_dir',
  'all_tenants',
  'deleted',
  'user_id',
  'vm_state',
  'task_state',
  'power_state',
]);

export const novaBase = (ctx: SimContext) => `${ctx.url}/compute/v2.1`;

export function novaServerRoutes(router: SimRouter, ctx: SimContext): void {
  const { state } = ctx;
  const list = (detail: boolean) =>
    compute(ctx, (req, res, mv) => {
      const token = tokenOf(ctx, req);
      state.advance();
      const unknown = [...req.query.keys()].find((k) => !QUERY_KEYS.has(k));
      if (unknown && mv.atLeast('2.75'))
        return sendFault(res, 400, `Invalid input for query parameters ${unknown}. Additional properties are not allowed ('${unknown}' was unexpected)`);
      const status = req.query.get('status');
      if (status && !STATUSES.includes(status.toUpperCase()) && mv.atLeast('2.38')) return sendFault(res, 400, `Invalid status value`);
      let servers = [...state.cloud.servers].filter((s) => s.projectId === token.projectId).reverse();
      const name = req.query.get('name');
      if (name !== null) servers = servers.filter((s) => novaNameMatches(name, s.name));
      if (status) servers = servers.filter((s) => state.status(s) === status.toUpperCase());
      const marker = req.query.get('marker');
      if (marker !== null) {
        const i = servers.findIndex((s) => s.id === marker);
        if (i < 0) return sendFault(res, 400, `marker [${marker}] not found`);
        servers = servers.slice(i + 1);
      }
      const limit = Math.min(Number(req.query.get('limit') ?? state.maxLimit) || state.maxLimit, state.maxLimit);
      const page = servers.slice(0, limit);
      const base = novaBase(ctx);
      const body: Record<string, unknown> = {
        servers: page.map((s) =>
          detail
            ? serverView(state, s, mv, base)
            : {
                id: s.id,
                name: s.name,
                links: [
                  { href: `${base}/servers/${s.id}`, rel: 'self' },
                  { href: `${base}/servers/${s.id}`, rel: 'bookmark' },
                ],
              },
        ),
      };
      const last = page[page.length - 1];
      if (last && page.length === limit) {
        const next = new URLSearchParams(req.query);
        next.set('marker', last.id);
        body.servers_links = [{ href: `${base}/servers${detail ? '/detail' : ''}?${next}`, rel: 'next' }];
      }
      sendJson(res, 200, body);
    });
  router.on('GET', '/compute/v2.1/servers', list(false));
  router.on('GET', '/compute/v2.1/servers/detail', list(true));

  router.on(
    'GET',
    '/compute/v2.1/servers/:id',
    compute(ctx, (req, res, mv) => {
      const server = findServer(ctx, req.params.id ?? '', tokenOf(ctx, req).projectId);
      if (!server) return sendFault(res, 404, `Instance ${req.params.id} could not be found.`);
      sendJson(res, 200, { server: serverView(state, server, mv, novaBase(ctx)) });
    }),
  );

  router.on(
    'DELETE',
    '/compute/v2.1/servers/:id',
    compute(ctx, (req, res) => {
      const server = findServer(ctx, req.params.id ?? '', tokenOf(ctx, req).projectId);
      if (!server) return sendFault(res, 404, `Instance ${req.params.id} could not be found.`);
      recordAction(state, server, 'delete');
      startDelete(state, server);
      res.writeHead(204).end();
    }),
  );

  router.on(
    'POST',
    '/compute/v2.1/servers',
    compute(ctx, (req, res, mv) => createServer(ctx, req, res, mv)),
  );
}

/** Nova's `name` filter: an unanchored regular expression (MySQL REGEXP), falling back to a substring. */
export function novaNameMatches(pattern: string, name: string): boolean {
  try {
    return new RegExp(pattern).test(name);
  } catch {
    return name.includes(pattern);
  }
}

export function findServer(ctx: SimContext, id: string, projectId: string): SimServer | undefined {
  ctx.state.advance();
  return ctx.state.cloud.servers.find((s) => s.id === id && s.projectId === projectId);
}

function createServer(ctx: SimContext, req: SimRequest, res: ServerResponse, mv: Microversion): void {
  const { state } = ctx;
  const token = tokenOf(ctx, req);
  const parsed = NovaServerCreateRequest.safeParse(readJson(req));
  if (!parsed.success) return sendFault(res, 400, invalidInput(parsed.error));
  const s = parsed.data.server;
  if (mv.atLeast('2.37') && s.networks === undefined) return sendFault(res, 400, "Invalid input for field/attribute server. 'networks' is a required property");
  // Before 2.37 (servers.py create schema `base_create`) networks is a list: 'auto'/'none' fail its type check.
  if (!mv.atLeast('2.37') && typeof s.networks === 'string') {
    return sendFault(res, 400, `Invalid input for field/attribute networks. Value: ${s.networks}. '${s.networks}' is not of type 'array'`);
  }
  const flavorId = String(s.flavorRef).split('/').pop() ?? '';
  const flavor = state.cloud.flavors.find((f) => f.id === flavorId);
  if (!flavor) return sendFault(res, 400, `Flavor ${flavorId} could not be found.`);
  const bootFromVolume = s.block_device_mapping_v2?.some((b) => Number(b.boot_index) === 0 && b.destination_type === 'volume');
  const imageId = s.imageRef ?? s.block_device_mapping_v2?.find((b) => b.source_type === 'image')?.uuid ?? '';
  if (!imageId && !bootFromVolume)
    return sendFault(res, 400, 'Block Device Mapping is Invalid: Boot sequence for the instance and image/block device mapping combination is not valid.');
  if (imageId && !state.cloud.images.some((i) => i.id === imageId && i.status === 'active')) return sendFault(res, 400, `Image ${imageId} could not be found.`);
  const az = s.availability_zone ?? state.cloud.availabilityZones[0] ?? 'nova';
  if (!state.cloud.availabilityZones.includes(az)) return sendFault(res, 400, 'The requested availability zone is not available');
  if (s.key_name && !state.cloud.keypairs.includes(s.key_name)) return sendFault(res, 400, 'Invalid key_name provided.');
  const over = overQuota(state, token.projectId, flavor.vcpus, flavor.ram);
  if (over) return sendFault(res, 403, over);
  const now = state.iso();
  const server: SimServer = {
    id: randomUUID(),
    name: s.name,
    projectId: token.projectId,
    userId: token.userId,
    flavorId,
    imageId: bootFromVolume ? '' : imageId,
    availabilityZone: az,
    keyName: s.key_name ?? null,
    metadata: s.metadata ?? {},
    vmState: 'building',
    taskState: 'scheduling',
    powerState: 0,
    created: now,
    updated: now,
    launchedAt: null,
    address: `188.184.${state.cloud.servers.length % 250}.${((state.cloud.servers.length * 7) % 250) + 2}`,
    volumes: [],
    actions: [],
    steps: [],
  };
  for (const [i, bdm] of (s.block_device_mapping_v2 ?? []).entries()) {
    if (bdm.destination_type !== 'volume' || bdm.source_type === 'volume') continue;
    const volumeId = randomUUID();
    const type =
      state.cloud.volumeTypes.find((t) => t.name === bdm.volume_type || t.id === bdm.volume_type) ??
      state.cloud.volumeTypes.find((t) => t.name === state.cloud.defaultVolumeType);
    state.cloud.volumes.push({
      id: volumeId,
      name: '',
      projectId: token.projectId,
      userId: token.userId,
      size: Number(bdm.volume_size ?? 1),
      volumeTypeId: type?.id ?? '',
      availabilityZone: az,
      status: 'creating',
      description: null,
      createdAt: now,
      updatedAt: null,
      attachments: [],
      steps: [],
    });
    server.volumes.push({
      volumeId,
      device: `/dev/vd${String.fromCharCode(97 + i)}`,
      deleteOnTermination: bdm.delete_on_termination ?? false,
      attachmentId: randomUUID(),
      bdmId: randomUUID(),
    });
  }
  const failure = buildFailure(state, s.name, flavorId);
  state.cloud.servers.push(server);
  recordAction(state, server, 'create', failure ?? null);
  startBuild(state, server, failure);
  for (const bdm of server.volumes) {
    const volume = state.cloud.volumes.find((v) => v.id === bdm.volumeId);
    if (!volume) continue;
    volume.attachments.push({ serverId: server.id, attachmentId: bdm.attachmentId, device: bdm.device, attachedAt: now });
    state.schedule(volume, [[state.timing.bootMs, () => (volume.status = failure ? 'available' : 'in-use')]]);
  }
  const adminPass = randomUUID().replace(/-/g, '').slice(0, 12);
  const base = novaBase(ctx);
  sendJson(
    res,
    202,
    {
      server: {
        id: server.id,
        links: [
          { href: `${base}/servers/${server.id}`, rel: 'self' },
          { href: `${base}/servers/${server.id}`, rel: 'bookmark' },
        ],
        'OS-DCF:diskConfig': 'MANUAL',
        security_groups: [{ name: 'default' }],
        adminPass,
      },
    },
    { location: `${base}/servers/${server.id}` },
  );
}

/** Nova's `TooManyInstances` text, checked in Nova's order: instances, cores, ram. */
function overQuota(state: SimState, projectId: string, cores: number, ram: number): string | undefined {
  const q = state.quota(projectId);
  const used = state.usage(projectId);
  const checks: [keyof typeof q, number][] = [
    ['instances', 1],
    ['cores', cores],
    ['ram', ram],
  ];
  for (const [what, req] of checks) {
    if (used[what] + req > q[what]) return `Quota exceeded for ${what}: Requested ${req}, but already used ${used[what]} of ${q[what]} ${what}`;
  }
  return undefined;
}
