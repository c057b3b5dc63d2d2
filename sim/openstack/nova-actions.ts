/** Nova server actions (reboot, rebuild) and volume attachments, with the state checks of `compute/api.py`. */
import { sendJson, type SimRouter } from '../http/server.js';
import { compute } from './compute.js';
import { readJson, tokenOf, type SimContext } from './context.js';
import { invalidState, sendFault } from './faults.js';
import { recordAction, startAttach, startDetach, startHardReboot, startRebuild } from './lifecycle.js';
import type { Microversion } from './microversion.js';
import type { SimServer, SimServerVolume } from './model.js';
import { findServer, novaBase } from './nova-servers.js';
import { serverView } from './nova-views.js';
import { invalidInput, NovaServerActionRequest, NovaVolumeAttachRequest } from './requests.js';

/** `task_states.ALLOW_REBOOT`: a second HARD reboot during HARD_REBOOT is accepted. */
const ALLOW_REBOOT = [
  null,
  'rebooting',
  'reboot_pending',
  'reboot_started',
  'rebooting_hard',
  'reboot_pending_hard',
  'reboot_started_hard',
  'resuming',
  'unpausing',
  'pausing',
  'suspending',
];
const HARD_REBOOT_VM = ['active', 'stopped', 'paused', 'suspended', 'error'];
const ATTACH_VM = ['active', 'paused', 'stopped', 'resized', 'soft_deleted', 'suspended', 'shelved', 'shelved_offloaded'];

/** `@check_instance_state`: the 409 text for the first check that fails, or undefined. */
function stateConflict(server: SimServer, action: string, vmStates: string[], taskStates: (string | null)[]): string | undefined {
  if (!vmStates.includes(server.vmState)) return invalidState(action, server.id, 'vm_state', server.vmState);
  if (!taskStates.includes(server.taskState)) return invalidState(action, server.id, 'task_state', server.taskState);
  return undefined;
}

export function novaActionRoutes(router: SimRouter, ctx: SimContext): void {
  const { state } = ctx;
  router.on(
    'POST',
    '/compute/v2.1/servers/:id/action',
    compute(ctx, (req, res, mv) => {
      const server = findServer(ctx, req.params.id ?? '', tokenOf(ctx, req).projectId);
      if (!server) return sendFault(res, 404, `Instance ${req.params.id} could not be found.`);
      const parsed = NovaServerActionRequest.safeParse(readJson(req));
      if (!parsed.success) return sendFault(res, 400, invalidInput(parsed.error));
      const action = parsed.data;
      if ('reboot' in action) {
        const hard = action.reboot.type.toUpperCase() === 'HARD';
        const conflict = hard ? stateConflict(server, 'reboot', HARD_REBOOT_VM, ALLOW_REBOOT) : stateConflict(server, 'reboot', ['active'], [null]);
        if (conflict) return sendFault(res, 409, conflict);
        recordAction(state, server, 'reboot');
        startHardReboot(state, server);
        return void res.writeHead(202).end();
      }
      const conflict = stateConflict(server, 'rebuild', ['active', 'stopped', 'error'], [null]);
      if (conflict) return sendFault(res, 409, conflict);
      const image = state.cloud.images.find((i) => i.id === action.rebuild.imageRef && i.status === 'active');
      if (!image) return sendFault(res, 400, 'Cannot find image for rebuild');
      if (action.rebuild.name) server.name = action.rebuild.name;
      if (action.rebuild.metadata) server.metadata = action.rebuild.metadata;
      recordAction(state, server, 'rebuild');
      startRebuild(state, server, image.id);
      const base = novaBase(ctx);
      sendJson(res, 202, { server: serverView(state, server, mv, base) }, { location: `${base}/servers/${server.id}` });
    }),
  );

  router.on(
    'GET',
    '/compute/v2.1/servers/:id/os-volume_attachments',
    compute(ctx, (req, res, mv) => {
      const server = findServer(ctx, req.params.id ?? '', tokenOf(ctx, req).projectId);
      if (!server) return sendFault(res, 404, `Instance ${req.params.id} could not be found.`);
      sendJson(res, 200, { volumeAttachments: server.volumes.map((v) => attachmentView(server, v, mv)) });
    }),
  );

  router.on(
    'POST',
    '/compute/v2.1/servers/:id/os-volume_attachments',
    compute(ctx, (req, res, mv) => {
      const token = tokenOf(ctx, req);
      const server = findServer(ctx, req.params.id ?? '', token.projectId);
      if (!server) return sendFault(res, 404, `Instance ${req.params.id} could not be found.`);
      const parsed = NovaVolumeAttachRequest.safeParse(readJson(req));
      if (!parsed.success) return sendFault(res, 400, invalidInput(parsed.error));
      const { volumeId, device: wanted } = parsed.data.volumeAttachment;
      const volume = state.cloud.volumes.find((v) => v.id === volumeId && v.projectId === token.projectId);
      if (!volume) return sendFault(res, 404, `Volume ${volumeId} could not be found.`);
      const conflict = stateConflict(server, 'attach_volume', ATTACH_VM, [null]);
      if (conflict) return sendFault(res, 409, conflict);
      if (volume.status !== 'available')
        return sendFault(res, 400, `Invalid volume: volume '${volume.id}' status must be 'available'. Currently in '${volume.status}'`);
      const used = new Set(server.volumes.map((v) => v.device));
      const device = wanted ?? ['b', 'c', 'd', 'e', 'f', 'g', 'h'].map((l) => `/dev/vd${l}`).find((d) => !used.has(d)) ?? '/dev/vdz';
      recordAction(state, server, 'attach_volume');
      startAttach(state, server, volume, device);
      const bdm = server.volumes.find((v) => v.volumeId === volume.id) as SimServerVolume;
      if (mv.atLeast('2.101')) return void res.writeHead(202).end();
      sendJson(res, 200, { volumeAttachment: attachmentView(server, bdm, mv) });
    }),
  );

  router.on(
    'DELETE',
    '/compute/v2.1/servers/:id/os-volume_attachments/:volumeId',
    compute(ctx, (req, res) => {
      const server = findServer(ctx, req.params.id ?? '', tokenOf(ctx, req).projectId);
      if (!server) return sendFault(res, 404, `Instance ${req.params.id} could not be found.`);
      const bdm = server.volumes.find((v) => v.volumeId === req.params.volumeId);
      const volume = state.cloud.volumes.find((v) => v.id === req.params.volumeId);
      if (!bdm || !volume) return sendFault(res, 404, `No volume Block Device Mapping with id ${req.params.volumeId}.`);
      const conflict = stateConflict(server, 'detach_volume', ATTACH_VM, [null]);
      if (conflict) return sendFault(res, 409, conflict);
      if (volume.status !== 'in-use')
        return sendFault(res, 400, `Invalid volume: volume '${volume.id}' status must be 'in-use'. Currently in '${volume.status}'`);
      recordAction(state, server, 'detach_volume');
      startDetach(state, server, volume);
      res.writeHead(202).end();
    }),
  );

  router.on(
    'GET',
    '/compute/v2.1/servers/:id/os-instance-actions',
    compute(ctx, (req, res) => {
      const server = findServer(ctx, req.params.id ?? '', tokenOf(ctx, req).projectId);
      if (!server) return sendFault(res, 404, `Instance ${req.params.id} could not be found.`);
      sendJson(res, 200, {
        instanceActions: server.actions.map((a) => ({
          action: a.action,
          instance_uuid: server.id,
          message: a.message,
          project_id: server.projectId,
          request_id: a.requestId,
          start_time: a.startTime,
          updated_at: a.updatedAt,
          user_id: server.userId,
        })),
      });
    }),
  );
}

/** 2.70 adds `tag`, 2.79 `delete_on_termination`, 2.89 swaps `id` for `attachment_id` + `bdm_uuid`. */
function attachmentView(server: SimServer, v: SimServerVolume, mv: Microversion): Record<string, unknown> {
  const view: Record<string, unknown> = { device: v.device, serverId: server.id, volumeId: v.volumeId };
  if (!mv.atLeast('2.89')) view.id = v.volumeId;
  if (mv.atLeast('2.70')) view.tag = null;
  if (mv.atLeast('2.79')) view.delete_on_termination = v.deleteOnTermination;
  if (mv.atLeast('2.89')) Object.assign(view, { attachment_id: v.attachmentId, bdm_uuid: v.bdmId });
  return view;
}
