/**
 * Vault HTTP API objects we read (api-docs: sys/health, sys/seal-status, sys/leader,
 * sys/ha-status), named after vault/api's Go types. Fields added in later Vault versions are optional.
 */
import { z } from 'zod';

/** HealthResponse (http/sys_health.go). Every status code of sys/health carries this body. */
export const VaultHealthResponse = z.object({
  initialized: z.boolean(),
  sealed: z.boolean(),
  standby: z.boolean(),
  performance_standby: z.boolean(),
  /** "disabled", "primary", "secondary", or "unknown". */
  replication_performance_mode: z.string().optional(),
  replication_dr_mode: z.string().optional(),
  /** Unix seconds. */
  server_time_utc: z.number().int(),
  version: z.string(),
  enterprise: z.boolean().optional(),
  /** Absent while sealed (omitempty). */
  cluster_name: z.string().optional(),
  cluster_id: z.string().optional(),
  echo_duration_ms: z.number().optional(),
  clock_skew_ms: z.number().optional(),
  replication_primary_canary_age_ms: z.number().optional(),
  /** Vault 1.19+: a standby that cannot reach the active node answers 474 and false here. */
  ha_connection_healthy: z.boolean().optional(),
  last_request_forwarding_heartbeat_ms: z.number().optional(),
  /** Vault 1.19+: a node removed from the raft cluster answers 530. */
  removed_from_cluster: z.boolean().optional(),
});
export type VaultHealthResponse = z.infer<typeof VaultHealthResponse>;

/** SealStatusResponse (unauthenticated). */
export const VaultSealStatusResponse = z.object({
  type: z.string(),
  initialized: z.boolean(),
  sealed: z.boolean(),
  /** Unseal threshold and number of key shares. */
  t: z.number().int(),
  n: z.number().int(),
  /** Unseal keys entered so far. */
  progress: z.number().int(),
  nonce: z.string().optional(),
  version: z.string(),
  build_date: z.string().optional(),
  migration: z.boolean().optional(),
  cluster_name: z.string().optional(),
  cluster_id: z.string().optional(),
  recovery_seal: z.boolean().optional(),
  storage_type: z.string().optional(),
  removed_from_cluster: z.boolean().optional(),
});
export type VaultSealStatusResponse = z.infer<typeof VaultSealStatusResponse>;

/** LeaderResponse (unauthenticated; 503 while sealed). */
export const VaultLeaderResponse = z.object({
  ha_enabled: z.boolean(),
  is_self: z.boolean().optional().default(false),
  /** RFC 3339; the zero time "0001-01-01T00:00:00Z" on a standby. */
  active_time: z.string().optional(),
  /** The active node's API address, "" when no node is active. */
  leader_address: z.string().optional().default(''),
  leader_cluster_address: z.string().optional().default(''),
  performance_standby: z.boolean().optional(),
  performance_standby_last_remote_wal: z.number().optional(),
  raft_committed_index: z.number().optional(),
  raft_applied_index: z.number().optional(),
});
export type VaultLeaderResponse = z.infer<typeof VaultLeaderResponse>;

/** HANode: one entry of sys/ha-status, as the active node last heard from it. */
export const VaultHaNode = z.object({
  hostname: z.string(),
  api_address: z.string(),
  cluster_address: z.string(),
  active_node: z.boolean(),
  /** RFC 3339 time of the last echo; null for the active node itself. */
  last_echo: z.string().nullable(),
  version: z.string().optional(),
  upgrade_version: z.string().optional(),
  redundancy_zone: z.string().optional(),
  echo_duration_ms: z.number().optional(),
  clock_skew_ms: z.number().optional(),
});
export type VaultHaNode = z.infer<typeof VaultHaNode>;

/**
 * HAStatusResponse. The docs show `{"Nodes": [...]}`; a logical-style reply puts it under `data`
 * (lower-case `nodes`, as vault/api's mapstructure decode accepts). Both parse to `Nodes`.
 */
export const VaultHaStatusResponse = z
  .object({
    Nodes: z.array(VaultHaNode).optional(),
    nodes: z.array(VaultHaNode).optional(),
    data: z.object({ Nodes: z.array(VaultHaNode).optional(), nodes: z.array(VaultHaNode).optional() }).optional(),
  })
  .transform((r) => ({ Nodes: r.Nodes ?? r.nodes ?? r.data?.Nodes ?? r.data?.nodes ?? [] }));
export type VaultHaStatusResponse = z.infer<typeof VaultHaStatusResponse>;

/** The error body of every Vault API failure: `{"errors": ["permission denied"]}`. */
export const VaultErrorResponse = z.object({ errors: z.array(z.string()) });
