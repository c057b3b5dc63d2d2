import type { VaultHealthResponse } from './schemas.js';

/** One word for a Vault server's state, in the order sys/health decides its status code. */
export type VaultServerState = 'not-initialized' | 'sealed' | 'removed' | 'dr-secondary' | 'performance-standby' | 'standby-unhealthy' | 'standby' | 'active';

/** The default sys/health status code of each state (api-docs /sys/health). */
export const VAULT_HEALTH_CODES: Record<VaultServerState, number> = {
  'not-initialized': 501,
  sealed: 503,
  removed: 530,
  'dr-secondary': 472,
  'performance-standby': 473,
  'standby-unhealthy': 474,
  standby: 429,
  active: 200,
};

/** Read from the body rather than the code, so a server asked with custom `*code` params still reads right. */
export function vaultServerState(h: VaultHealthResponse): VaultServerState {
  if (!h.initialized) return 'not-initialized';
  if (h.sealed) return 'sealed';
  if (h.removed_from_cluster) return 'removed';
  if (h.replication_dr_mode?.startsWith('secondary')) return 'dr-secondary';
  if (h.performance_standby) return 'performance-standby';
  if (h.standby) return h.ha_connection_healthy === false ? 'standby-unhealthy' : 'standby';
  return 'active';
}
