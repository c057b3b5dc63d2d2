/**
 * The simulator's mutable state and clock. Asynchronous work (boot, reboot, rebuild, volume
 * changes) is a list of dated steps per server or volume, applied lazily whenever state is read.
 */
import { MAX_COMPUTE } from './microversion.js';
import type { SimCloud, SimQuota, SimServer, SimStep, SimTiming, SimToken, SimVolume } from './model.js';
import { simNovaStatus } from './status.js';

export interface SimRequestRecord {
  method: string;
  path: string;
  query: URLSearchParams;
  /** Which catalog interface the URL came from (`internal` endpoints carry an /internal prefix). */
  interface: 'public' | 'internal';
  headers: Record<string, string | undefined>;
}

export interface PendingFailure {
  status: number;
  path?: string | RegExp;
  message?: string;
}

export class SimState {
  readonly tokens = new Map<string, SimToken>();
  readonly requests: SimRequestRecord[] = [];
  /** Every `POST /v3/auth/tokens`, successful or not. */
  authRequests = 0;
  latencyMs = 0;
  readonly failures: PendingFailure[] = [];
  readonly createFailures: { name?: string; message: string }[] = [];
  /** The catalog type of Cinder's entry (`block-storage`, or an alias such as `volumev3`). */
  blockStorageType = 'block-storage';
  /** Nova's `[api] max_limit`: the most servers one page returns. */
  maxLimit = 1000;
  /** The newest compute microversion this cloud's Nova speaks (its version document's `version`). */
  computeMaxVersion = MAX_COMPUTE;

  constructor(
    readonly cloud: SimCloud,
    public timing: SimTiming,
    public tokenTtlMs: number,
    readonly now: () => number = Date.now,
  ) {}

  /** Applies every step that is due, in time order. */
  advance(): void {
    const now = this.now();
    for (const entity of [...this.cloud.servers, ...this.cloud.volumes]) {
      entity.steps.sort((a, b) => a.at - b.at);
      while (entity.steps.length > 0 && (entity.steps[0] as SimStep).at <= now) (entity.steps.shift() as SimStep).apply();
    }
  }

  /** Replaces an entity's pending work with steps `delays[i]` ms from now. */
  schedule(entity: SimServer | SimVolume, steps: [number, () => void][]): void {
    const now = this.now();
    entity.steps = steps.map(([ms, apply]) => ({ at: now + ms, apply }));
    this.advance();
  }

  server(nameOrId: string): SimServer | undefined {
    this.advance();
    return this.cloud.servers.find((s) => s.id === nameOrId) ?? this.cloud.servers.find((s) => s.name === nameOrId);
  }

  volume(nameOrId: string): SimVolume | undefined {
    this.advance();
    return this.cloud.volumes.find((v) => v.id === nameOrId) ?? this.cloud.volumes.find((v) => v.name === nameOrId);
  }

  status(server: SimServer): string {
    return simNovaStatus(server.vmState, server.taskState);
  }

  quota(projectId: string): SimQuota {
    const q = this.cloud.quotas[projectId];
    if (!q) throw new Error(`no quota for project ${projectId}`);
    return q;
  }

  /** What counts against the quota: servers not being deleted, volumes not deleted. */
  usage(projectId: string): SimQuota {
    const servers = this.cloud.servers.filter((s) => s.projectId === projectId);
    const flavors = servers.map((s) => this.cloud.flavors.find((f) => f.id === s.flavorId));
    const volumes = this.cloud.volumes.filter((v) => v.projectId === projectId);
    return {
      instances: servers.length,
      cores: flavors.reduce((n, f) => n + (f?.vcpus ?? 0), 0),
      ram: flavors.reduce((n, f) => n + (f?.ram ?? 0), 0),
      volumes: volumes.length,
      gigabytes: volumes.reduce((n, v) => n + v.size, 0),
    };
  }

  iso(ms = this.now()): string {
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
}
