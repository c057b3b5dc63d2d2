/** `startNomadSim`: the simulated Nomad agent, a real HTTP(S) server on 127.0.0.1. */
import { startSimServer, type SimTls } from '../http/server.js';
import { loadScenario } from './bootstrap.js';
import { createControls, type NomadControls } from './controls.js';
import { SimCore } from './engine/core.js';
import { unblockEvals } from './engine/evals.js';
import { Faults } from './faults.js';
import type { AclPolicy } from './http/acl.js';
import type { BlockingJitter } from './state/cluster-state.js';
import { nomadRouter } from './routes/index.js';
import { aliceFarm } from './scenario/alice.js';
import { NomadClusterState } from './state/cluster-state.js';
import type { NomadScenario } from './types.js';

export interface NomadSimOptions {
  /** Default: `aliceFarm()`. */
  scenario?: NomadScenario;
  /** Passed to startSimServer; with `clientCa`, a client certificate is required (mTLS). */
  tls?: SimTls;
  /** Absent: ACLs disabled. */
  acl?: { tokens: Record<string, AclPolicy> };
  /** Defaults: allocations start in 150 ms, evaluations complete in 50 ms, event heartbeats every 30 s. */
  timing?: {
    allocStartMs?: number;
    evalCompleteMs?: number;
    eventHeartbeatMs?: number;
    migrateMs?: number;
    rescheduleDelayMs?: number;
    clientRestartMs?: number;
  };
  /** Added to every response (benchmarks). */
  latencyMs?: number;
  /** Batches of events the event broker keeps for replay and resumption (Nomad's `event_buffer_size`, default 100). */
  eventBufferSize?: number;
  /** Jitter added to blocking queries that see no change (default `random`, as Nomad; `max` for the worst case). */
  blockingJitter?: BlockingJitter;
  /**
   * The Nomad version the cluster runs (default 1.11.2), and behaves as: before 1.9 `/scale`
   * ignores JobModifyIndex, before 1.10.1 list pages resume with hashicorp/nomad#25435, and no
   * client runs a newer version than its servers (servers are upgraded first), so before 1.11.1
   * every client reports `unique.storage.bytesfree`.
   */
  serverVersion?: string;
  port?: number;
}

export interface NomadSim {
  url: string;
  state: NomadClusterState;
  controls: NomadControls;
  close(): Promise<void>;
}

export async function startNomadSim(opts: NomadSimOptions = {}): Promise<NomadSim> {
  const scenario = opts.scenario ?? aliceFarm();
  const state = new NomadClusterState(scenario.seed, scenario.region, scenario.servers);
  const core = new SimCore(state, {
    allocStartMs: opts.timing?.allocStartMs ?? 150,
    evalCompleteMs: opts.timing?.evalCompleteMs ?? 50,
    eventHeartbeatMs: opts.timing?.eventHeartbeatMs ?? 30_000,
    migrateMs: opts.timing?.migrateMs ?? opts.timing?.allocStartMs ?? 150,
    rescheduleDelayMs: opts.timing?.rescheduleDelayMs ?? 30_000,
    clientRestartMs: opts.timing?.clientRestartMs ?? 300,
  });
  core.capacityFreed = () => unblockEvals(core);
  const serverVersion = opts.serverVersion ?? '1.11.2';
  loadScenario(core, scenario, serverVersion);
  state.blocking.jitter = opts.blockingJitter ?? 'random';
  if (opts.eventBufferSize !== undefined) state.eventBufferSize = opts.eventBufferSize;
  const faults = new Faults();
  faults.latencyMs = opts.latencyMs ?? 0;
  const router = nomadRouter({ core, acl: opts.acl, serverVersion });
  const server = await startSimServer(router, {
    ...(opts.port !== undefined ? { port: opts.port } : {}),
    ...(opts.tls ? { tls: opts.tls } : {}),
    before: (req, res) => {
      state.countRequest(req.method, req.path);
      return faults.apply(req, res);
    },
  });
  return {
    url: server.url,
    state,
    controls: createControls(core, faults),
    close: async () => {
      core.close();
      await server.close();
    },
  };
}
