/**
 * Resource accounting as Nomad's `AllocsFit` does it: what a task group asks for, what a node
 * has left, and which dimension ("cores", "cpu", "memory", "disk") runs out first.
 */
import type { JsonObject, NomadAllocation, NomadNode, NomadTaskGroup } from '../types.js';

export type Dimension = 'cores' | 'cpu' | 'memory' | 'disk';

export interface Usage {
  cores: number;
  cpu: number;
  memoryMB: number;
  diskMB: number;
}

/** `Allocation.TerminalStatus()`: desired stop/evict, or the client says complete/failed/lost. */
export function isTerminal(a: NomadAllocation): boolean {
  return a.DesiredStatus === 'stop' || a.DesiredStatus === 'evict' || ['complete', 'failed', 'lost'].includes(a.ClientStatus);
}

export const mhzPerCore = (node: NomadNode): number => Math.floor(node.NodeResources.Cpu.CpuShares / Math.max(1, node.NodeResources.Cpu.TotalCpuCores));

/** What one allocation of `tg` needs on `node` (reserved cores count as their MHz, like Nomad). */
export function groupAsk(tg: NomadTaskGroup, node: NomadNode): Usage {
  const ask: Usage = { cores: 0, cpu: 0, memoryMB: 0, diskMB: tg.EphemeralDisk?.SizeMB ?? 300 };
  for (const t of tg.Tasks) {
    const cores = t.Resources?.Cores ?? 0;
    ask.cores += cores;
    ask.cpu += cores > 0 ? cores * mhzPerCore(node) : (t.Resources?.CPU ?? 100);
    ask.memoryMB += t.Resources?.MemoryMB ?? 300;
  }
  return ask;
}

/** The resources an allocation holds, read back from its `AllocatedResources`. */
export function allocUsage(a: NomadAllocation): Usage {
  const u: Usage = { cores: 0, cpu: 0, memoryMB: 0, diskMB: 0 };
  const tasks = (a.AllocatedResources.Tasks ?? {}) as Record<string, JsonObject>;
  for (const t of Object.values(tasks)) {
    const cpu = (t.Cpu ?? {}) as { CpuShares?: number; ReservedCores?: number[] };
    u.cpu += cpu.CpuShares ?? 0;
    u.cores += cpu.ReservedCores?.length ?? 0;
    u.memoryMB += ((t.Memory ?? {}) as { MemoryMB?: number }).MemoryMB ?? 0;
  }
  u.diskMB += ((a.AllocatedResources.Shared ?? {}) as { DiskMB?: number }).DiskMB ?? 0;
  return u;
}

export function sumUsage(allocs: NomadAllocation[]): Usage {
  const total: Usage = { cores: 0, cpu: 0, memoryMB: 0, diskMB: 0 };
  for (const a of allocs) {
    const u = allocUsage(a);
    total.cores += u.cores;
    total.cpu += u.cpu;
    total.memoryMB += u.memoryMB;
    total.diskMB += u.diskMB;
  }
  return total;
}

/** Capacity left for allocations: NodeResources minus ReservedResources. */
export function capacity(node: NomadNode): Usage {
  return {
    cores: node.NodeResources.Cpu.TotalCpuCores,
    cpu: node.NodeResources.Cpu.CpuShares - node.ReservedResources.Cpu.CpuShares,
    memoryMB: node.NodeResources.Memory.MemoryMB - node.ReservedResources.Memory.MemoryMB,
    diskMB: node.NodeResources.Disk.DiskMB - node.ReservedResources.Disk.DiskMB,
  };
}

/** The first exhausted dimension in Nomad's order (cores in the binpack loop, then cpu, memory, disk), or undefined if it fits. */
export function exhaustedDimension(node: NomadNode, used: Usage, ask: Usage): Dimension | undefined {
  const cap = capacity(node);
  if (ask.cores > 0 && cap.cores - used.cores < ask.cores) return 'cores';
  if (cap.cpu - used.cpu < ask.cpu) return 'cpu';
  if (cap.memoryMB - used.memoryMB < ask.memoryMB) return 'memory';
  if (cap.diskMB - used.diskMB < ask.diskMB) return 'disk';
  return undefined;
}

/** Binpack score in [0,1]: fuller nodes score higher, as Nomad's default algorithm prefers. */
export function binpackScore(node: NomadNode, used: Usage, ask: Usage): number {
  const cap = capacity(node);
  const cpu = (used.cpu + ask.cpu) / Math.max(1, cap.cpu);
  const mem = (used.memoryMB + ask.memoryMB) / Math.max(1, cap.memoryMB);
  return (cpu + mem) / 2;
}
