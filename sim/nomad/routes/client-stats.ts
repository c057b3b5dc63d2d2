/**
 * `GET /v1/client/stats?node_id=`: HostStats as the client measures them now. AllocDirStats is
 * the real free space of the alloc dir, which can differ from Nomad's accounting (disk drift).
 */
import type { SimRouter } from '../../http/server.js';
import { NomadHttpError } from '../http/errors.js';
import { writeJson } from '../http/wire.js';
import { nowNanos } from '../ids.js';
import { liveOn, measuredDisk } from '../engine/disk.js';
import type { NomadClusterState } from '../state/cluster-state.js';
import type { JsonObject, NomadNode } from '../types.js';
import { guarded, type RouteContext } from './common.js';

const MIB = 1024 * 1024;

export function hostStats(state: NomadClusterState, node: NomadNode): JsonObject {
  const { sizeBytes, usedBytes: used } = measuredDisk(state, node);
  const disk = { sizeBytes };
  const live = liveOn(state, node.ID);
  const dirStats = (device: string, mount: string) => ({
    Device: device,
    Mountpoint: mount,
    Size: disk.sizeBytes,
    Used: used,
    Available: disk.sizeBytes - used,
    UsedPercent: (used / Math.max(1, disk.sizeBytes)) * 100,
    InodesUsedPercent: 0.4,
  });
  const memTotal = node.NodeResources.Memory.MemoryMB * MIB;
  const memUsed = Math.min(memTotal, live.length * 2048 * MIB);
  const cores = Math.min(64, node.NodeResources.Cpu.TotalCpuCores);
  return {
    Memory: { Total: memTotal, Available: memTotal - memUsed, Used: memUsed, Free: memTotal - memUsed },
    CPU: Array.from({ length: cores }, (_, i) => ({ CPU: `cpu${i}`, User: 40, System: 5, Idle: 55, Total: 45 })),
    DiskStats: [dirStats('/dev/vdb', '/build')],
    AllocDirStats: dirStats('', ''),
    DeviceStats: [],
    Uptime: 1_209_600,
    Timestamp: nowNanos(),
    CPUTicksConsumed: 1126.8,
  };
}

export function clientStatsRoutes(router: SimRouter, ctx: RouteContext): void {
  const { state } = ctx.core;
  router.on(
    'GET',
    '/v1/client/stats',
    guarded(ctx, 'read', (req, res) => {
      const id = req.query.get('node_id') ?? '';
      if (id === '') throw new NomadHttpError(400, 'No local Node and node_id not provided');
      const node = state.nodes.get(id);
      if (!node) throw new NomadHttpError(404, 'Unknown node');
      if (node.Status !== 'ready') throw new NomadHttpError(404, 'No path to node');
      writeJson(req, res, 200, hostStats(state, node));
    }),
  );
}
