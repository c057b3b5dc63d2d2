/**
 * How servers and volumes move through their states over time, following the compute manager's
 * task states (reference A5): the API sets the first task_state before answering 202.
 */
import { randomUUID } from 'node:crypto';
import type { SimServer, SimVolume } from './model.js';
import type { SimState } from './state.js';

const NO_VALID_HOST = 'No valid host was found. There are not enough hosts available.';

export function recordAction(state: SimState, server: SimServer, action: string, message: string | null = null): string {
  const requestId = `req-${randomUUID()}`;
  server.actions.unshift({ action, requestId, startTime: state.iso(), updatedAt: state.iso(), message });
  return requestId;
}

function touch(state: SimState, server: SimServer): void {
  server.updated = state.iso();
}

/** BUILD: scheduling → networking → spawning, then ACTIVE, or ERROR with a fault. */
export function startBuild(state: SimState, server: SimServer, failure: string | undefined): void {
  const ms = state.timing.bootMs;
  Object.assign(server, { vmState: 'building', taskState: 'scheduling', powerState: 0 });
  state.schedule(server, [
    [ms / 3, () => Object.assign(server, { taskState: 'networking' })],
    [(2 * ms) / 3, () => Object.assign(server, { taskState: 'spawning' })],
    [
      ms,
      () => {
        touch(state, server);
        if (failure) {
          Object.assign(server, { vmState: 'error', taskState: null, powerState: 0 });
          server.fault = { code: 500, message: failure, created: state.iso() };
          return;
        }
        Object.assign(server, { vmState: 'active', taskState: null, powerState: 1, launchedAt: state.iso() });
      },
    ],
  ]);
}

/** Why a new server would fail: a `failNextCreate` control, or no host left for its flavor. */
export function buildFailure(state: SimState, name: string, flavorId: string): string | undefined {
  const i = state.createFailures.findIndex((f) => f.name === undefined || f.name === name);
  if (i >= 0) return state.createFailures.splice(i, 1)[0]?.message;
  const flavor = state.cloud.flavors.find((f) => f.id === flavorId);
  if (flavor?.capacity !== undefined) {
    const used = state.cloud.servers.filter((s) => s.flavorId === flavorId && s.vmState !== 'error').length;
    if (used >= flavor.capacity) return NO_VALID_HOST;
  }
  return undefined;
}

export const defaultCreateFailure = NO_VALID_HOST;

/** HARD_REBOOT: rebooting_hard → reboot_pending_hard → reboot_started_hard → ACTIVE. */
export function startHardReboot(state: SimState, server: SimServer): void {
  const ms = state.timing.rebootMs;
  Object.assign(server, { taskState: 'rebooting_hard' });
  touch(state, server);
  state.schedule(server, [
    [ms / 3, () => Object.assign(server, { taskState: 'reboot_pending_hard' })],
    [(2 * ms) / 3, () => Object.assign(server, { taskState: 'reboot_started_hard', powerState: 1 })],
    [
      ms,
      () => {
        Object.assign(server, { vmState: 'active', taskState: null, powerState: 1, fault: undefined });
        touch(state, server);
      },
    ],
  ]);
}

/** REBUILD: rebuilding → rebuild_block_device_mapping → rebuild_spawning → ACTIVE (SHUTOFF if it was stopped). */
export function startRebuild(state: SimState, server: SimServer, imageId: string): void {
  const ms = state.timing.rebuildMs;
  const endState = server.vmState === 'stopped' ? 'stopped' : 'active';
  Object.assign(server, { taskState: 'rebuilding', imageId });
  touch(state, server);
  state.schedule(server, [
    [ms / 3, () => Object.assign(server, { taskState: 'rebuild_block_device_mapping', powerState: 4 })],
    [(2 * ms) / 3, () => Object.assign(server, { taskState: 'rebuild_spawning' })],
    [
      ms,
      () => {
        Object.assign(server, { vmState: endState, taskState: null, powerState: endState === 'active' ? 1 : 4, fault: undefined });
        touch(state, server);
      },
    ],
  ]);
}

/** task_state `deleting`, then gone; its volumes are detached (deleted if `delete_on_termination`). */
export function startDelete(state: SimState, server: SimServer): void {
  Object.assign(server, { taskState: 'deleting' });
  state.schedule(server, [
    [
      state.timing.deleteMs,
      () => {
        state.cloud.servers = state.cloud.servers.filter((s) => s !== server);
        for (const bdm of server.volumes) {
          const volume = state.cloud.volumes.find((v) => v.id === bdm.volumeId);
          if (!volume) continue;
          volume.attachments = volume.attachments.filter((a) => a.serverId !== server.id);
          if (bdm.deleteOnTermination) state.cloud.volumes = state.cloud.volumes.filter((v) => v !== volume);
          else Object.assign(volume, { status: 'available', updatedAt: state.iso() });
        }
      },
    ],
  ]);
}

/** creating → available. */
export function startVolumeCreate(state: SimState, volume: SimVolume): void {
  state.schedule(volume, [[state.timing.volumeMs, () => Object.assign(volume, { status: 'available', updatedAt: state.iso() })]]);
}

/** available → reserved → attaching → in-use; Nova records the BDM at once. */
export function startAttach(state: SimState, server: SimServer, volume: SimVolume, device: string): void {
  const ms = state.timing.volumeMs;
  const attachmentId = randomUUID();
  server.volumes.push({ volumeId: volume.id, device, deleteOnTermination: false, attachmentId, bdmId: randomUUID() });
  volume.status = 'reserved';
  state.schedule(volume, [
    [ms / 2, () => (volume.status = 'attaching')],
    [
      ms,
      () => {
        volume.status = 'in-use';
        volume.updatedAt = state.iso();
        volume.attachments.push({ serverId: server.id, attachmentId, device, attachedAt: state.iso() });
      },
    ],
  ]);
}

/** in-use → detaching → available; the BDM goes when the detach is done. */
export function startDetach(state: SimState, server: SimServer, volume: SimVolume): void {
  volume.status = 'detaching';
  state.schedule(volume, [
    [
      state.timing.volumeMs,
      () => {
        server.volumes = server.volumes.filter((b) => b.volumeId !== volume.id);
        volume.attachments = volume.attachments.filter((a) => a.serverId !== server.id);
        Object.assign(volume, { status: 'available', updatedAt: state.iso() });
      },
    ],
  ]);
}

/** deleting → gone. */
export function startVolumeDelete(state: SimState, volume: SimVolume): void {
  volume.status = 'deleting';
  state.schedule(volume, [[state.timing.volumeMs, () => (state.cloud.volumes = state.cloud.volumes.filter((v) => v !== volume))]]);
}
