/**
 * The Vault sys endpoints `/ci masters` reads, as one server answers them (http/sys_health.go,
 * http/sys_leader.go, api-docs samples). Errors are `{"errors": [...]}` with Vault's own texts.
 */
import type { ServerResponse } from 'node:http';
import { sendJson, SimRouter, type SimRequest } from '../http/server.js';
import type { VaultClusterState } from './cluster.js';

/** `1.19.2` ≥ [1, 19, 0]. */
function atLeast(version: string, min: readonly [number, number, number]): boolean {
  const parts = version.split(/[.+-]/).slice(0, 3).map(Number);
  for (let i = 0; i < 3; i++) if ((parts[i] ?? 0) !== min[i]) return (parts[i] ?? 0) > min[i]!;
  return true;
}

export interface VaultAclOptions {
  /** Tokens allowed to read sys/ha-status; any other token, or none, is "permission denied". */
  tokens: string[];
}

const ZERO_TIME = '0001-01-01T00:00:00Z';
const vaultError = (res: ServerResponse, status: number, message: string) => sendJson(res, status, { errors: [message] }, { 'cache-control': 'no-store' });

export function vaultRouter(name: string, state: VaultClusterState, acl: VaultAclOptions | undefined): SimRouter {
  const self = () => state.node(name);
  const isActive = () => state.active === name;
  const activeSpec = () => (state.active ? state.node(state.active).spec : undefined);

  const health = (req: SimRequest, res: ServerResponse) => {
    const n = self();
    const code = (param: string, fallback: number) => {
      const v = req.query.get(param);
      return v !== null && /^\d+$/.test(v) ? Number(v) : fallback;
    };
    const standbyOk = goBool(req.query.get('standbyok'));
    // Vault answers a value ParseBool refuses with 400 and an empty error list.
    if (standbyOk === 'invalid') return sendJson(res, 400, { errors: [] });
    const standby = n.sealed || !isActive();
    // Vault 1.19 (hashicorp/vault#28991): a standby reports whether it can heartbeat the active
    // node; one that cannot answers 474 (`haunhealthycode`), even with standbyok.
    const reportsHa = atLeast(state.scenario.version, [1, 19, 0]) && standby && !n.sealed;
    const haUnhealthy = reportsHa && n.haUnhealthy;
    const status = !n.initialized
      ? code('uninitcode', 501)
      : n.sealed
        ? code('sealedcode', 503)
        : haUnhealthy
          ? code('haunhealthycode', 474)
          : standby && !standbyOk
            ? code('standbycode', 429)
            : code('activecode', 200);
    const body = {
      initialized: n.initialized,
      sealed: n.sealed,
      standby,
      performance_standby: false,
      replication_performance_mode: 'disabled',
      replication_dr_mode: 'disabled',
      server_time_utc: Math.floor(Date.now() / 1000),
      version: state.scenario.version,
      enterprise: false,
      ...(n.sealed ? {} : { cluster_name: state.scenario.clusterName, cluster_id: state.scenario.clusterId }),
      echo_duration_ms: standby && !n.sealed ? 1 : 0,
      clock_skew_ms: 0,
      ...(reportsHa ? { ha_connection_healthy: !n.haUnhealthy, last_request_forwarding_heartbeat_ms: n.haUnhealthy ? 45_000 : 300 } : {}),
    };
    if (req.method === 'HEAD') {
      res.writeHead(status, { 'content-type': 'application/json' });
      return void res.end();
    }
    sendJson(res, status, body, { 'cache-control': 'no-store' });
  };

  return new SimRouter()
    .on(['GET', 'HEAD'], '/v1/sys/health', health)
    .on('GET', '/v1/sys/seal-status', (_req, res) => {
      const n = self();
      const { scenario } = state;
      sendJson(res, 200, {
        type: 'shamir',
        initialized: n.initialized,
        sealed: n.sealed,
        t: scenario.threshold,
        n: scenario.shares,
        progress: 0,
        nonce: '',
        version: scenario.version,
        build_date: '2024-02-28T17:07:34Z',
        migration: false,
        ...(n.sealed ? {} : { cluster_name: scenario.clusterName, cluster_id: scenario.clusterId }),
        recovery_seal: false,
        storage_type: scenario.storageType,
      });
    })
    .on('GET', '/v1/sys/leader', (_req, res) => {
      if (self().sealed) return vaultError(res, 503, 'Vault is sealed');
      const active = activeSpec();
      sendJson(res, 200, {
        ha_enabled: true,
        is_self: isActive(),
        active_time: isActive() ? state.activeSince.toISOString() : ZERO_TIME,
        leader_address: active?.apiAddress ?? '',
        leader_cluster_address: active?.clusterAddress ?? '',
        performance_standby: false,
        performance_standby_last_remote_wal: 0,
      });
    })
    .on('GET', '/v1/sys/ha-status', (req, res) => {
      if (self().sealed) return vaultError(res, 503, 'Vault is sealed');
      if (acl && !acl.tokens.includes(presentedToken(req) ?? '')) return vaultError(res, 403, 'permission denied');
      // A standby forwards this request to the active node.
      if (!state.active) return vaultError(res, 500, 'local node not active but active cluster node not found');
      const now = Date.now();
      const others = [...state.nodes.keys()].filter((n) => n !== state.active && state.canLead(n));
      const nodes = [state.active, ...others].map((n, i) => {
        const spec = state.node(n).spec;
        return {
          hostname: spec.hostname,
          api_address: spec.apiAddress,
          cluster_address: spec.clusterAddress,
          active_node: n === state.active,
          last_echo: n === state.active ? null : new Date(now - 1_000 * i).toISOString(),
          version: state.scenario.version,
        };
      });
      sendJson(res, 200, { Nodes: nodes });
    });
}

/** `?standbyok=` as parseutil.ParseBool reads it (so a bare `?standbyok` is invalid). */
function goBool(v: string | null): boolean | 'invalid' {
  if (v === null) return false;
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(v)) return false;
  return 'invalid';
}

function presentedToken(req: SimRequest): string | undefined {
  const header = req.headers['x-vault-token'];
  if (typeof header === 'string' && header) return header;
  const auth = req.headers.authorization;
  return typeof auth === 'string' && auth.startsWith('Bearer ') ? auth.slice(7) : undefined;
}
