/** Nova's server `status` as a function of vm_state and task_state (`nova/api/openstack/common.py::_STATE_MAP`). */
import type { NovaServer } from './schemas/nova.js';

const REBOOT = ['rebooting', 'reboot_pending', 'reboot_started'];
const HARD_REBOOT = ['rebooting_hard', 'reboot_pending_hard', 'reboot_started_hard'];
const REBUILD = ['rebuilding', 'rebuild_block_device_mapping', 'rebuild_spawning'];
const RESIZE = ['resize_prep', 'resize_migrating', 'resize_migrated', 'resize_finish'];

const STATE_MAP: Record<string, { default: string; tasks?: Record<string, string> }> = {
  active: {
    default: 'ACTIVE',
    tasks: {
      ...of(REBOOT, 'REBOOT'),
      ...of(HARD_REBOOT, 'HARD_REBOOT'),
      ...of(REBUILD, 'REBUILD'),
      ...of(RESIZE, 'RESIZE'),
      updating_password: 'PASSWORD',
      migrating: 'MIGRATING',
    },
  },
  building: { default: 'BUILD' },
  stopped: { default: 'SHUTOFF', tasks: { ...of(RESIZE, 'RESIZE'), ...of(REBUILD, 'REBUILD') } },
  resized: { default: 'VERIFY_RESIZE', tasks: { resize_reverting: 'REVERT_RESIZE' } },
  paused: { default: 'PAUSED', tasks: { migrating: 'MIGRATING' } },
  suspended: { default: 'SUSPENDED' },
  rescued: { default: 'RESCUE' },
  error: { default: 'ERROR', tasks: of(REBUILD, 'REBUILD') },
  deleted: { default: 'DELETED' },
  soft_deleted: { default: 'SOFT_DELETED' },
  shelved: { default: 'SHELVED' },
  shelved_offloaded: { default: 'SHELVED_OFFLOADED' },
};

function of(tasks: string[], status: string): Record<string, string> {
  return Object.fromEntries(tasks.map((t) => [t, status]));
}

/** e.g. (`active`, `reboot_started_hard`) → `HARD_REBOOT`; unknown states → `UNKNOWN`. */
export function novaStatus(vmState: string, taskState: string | null): string {
  const entry = STATE_MAP[vmState];
  if (!entry) return 'UNKNOWN';
  return (taskState && entry.tasks?.[taskState]) || entry.default;
}

/** Nova's advice: an action is over when `OS-EXT-STS:task_state` is back to null. */
export function isSettled(server: NovaServer): boolean {
  return server['OS-EXT-STS:task_state'] === null && server['OS-EXT-STS:vm_state'] !== 'building';
}

/** "HARD_REBOOT (task_state reboot_started_hard)", for progress and timeout messages. */
export function describeServerState(server: NovaServer): string {
  const task = server['OS-EXT-STS:task_state'];
  return task ? `${server.status} (task_state ${task})` : server.status;
}
