/** The simulator's own copy of Nova's `_STATE_MAP` (kept apart from the client's on purpose: it is the oracle). */
const TASK_STATUS: Record<string, string> = {
  rebooting: 'REBOOT',
  reboot_pending: 'REBOOT',
  reboot_started: 'REBOOT',
  rebooting_hard: 'HARD_REBOOT',
  reboot_pending_hard: 'HARD_REBOOT',
  reboot_started_hard: 'HARD_REBOOT',
  rebuilding: 'REBUILD',
  rebuild_block_device_mapping: 'REBUILD',
  rebuild_spawning: 'REBUILD',
};
const REBUILD_TASKS = ['rebuilding', 'rebuild_block_device_mapping', 'rebuild_spawning'];

export function simNovaStatus(vmState: string, taskState: string | null): string {
  switch (vmState) {
    case 'active':
      return (taskState && TASK_STATUS[taskState]) || 'ACTIVE';
    case 'building':
      return 'BUILD';
    case 'stopped':
      return taskState && REBUILD_TASKS.includes(taskState) ? 'REBUILD' : 'SHUTOFF';
    case 'error':
      return taskState && REBUILD_TASKS.includes(taskState) ? 'REBUILD' : 'ERROR';
    case 'paused':
      return 'PAUSED';
    case 'suspended':
      return 'SUSPENDED';
    case 'deleted':
      return 'DELETED';
    default:
      return 'UNKNOWN';
  }
}

/** The (vm_state, task_state) a `setServerStatus` control puts a server in; busy states stay until changed. */
export function statesFor(status: string): { vmState: string; taskState: string | null; powerState: number } {
  const table: Record<string, { vmState: string; taskState: string | null; powerState: number }> = {
    ACTIVE: { vmState: 'active', taskState: null, powerState: 1 },
    ERROR: { vmState: 'error', taskState: null, powerState: 0 },
    SHUTOFF: { vmState: 'stopped', taskState: null, powerState: 4 },
    BUILD: { vmState: 'building', taskState: 'spawning', powerState: 0 },
    HARD_REBOOT: { vmState: 'active', taskState: 'rebooting_hard', powerState: 1 },
    REBOOT: { vmState: 'active', taskState: 'rebooting', powerState: 1 },
    REBUILD: { vmState: 'active', taskState: 'rebuilding', powerState: 4 },
    PAUSED: { vmState: 'paused', taskState: null, powerState: 3 },
    SUSPENDED: { vmState: 'suspended', taskState: null, powerState: 7 },
  };
  const s = table[status];
  if (!s) throw new Error(`setServerStatus: unsupported status ${status} (use ${Object.keys(table).join(', ')})`);
  return s;
}
