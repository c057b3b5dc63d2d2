/** `nomad.node`: one node in detail, like `nomad node status <id>`, with buttons for the next step. */
import { NomadNodeShow, type ReadReply } from '../../src/operations/index.js';
import type { JobDeps, ReadJobModule } from '../../src/ports.js';
import { findNode } from '../node-find.js';
import { iec, isTerminal, nomadFreeDiskMB, sharedDiskMB, usageOf } from './disk.js';
import { diskSettings, judgeNode, size, verdict, why } from './diskfree.js';
import { age, naturalOrder, table } from './table.js';

export const nomadNode: ReadJobModule<NomadNodeShow> = {
  kind: 'nomad.node',
  schema: NomadNodeShow,
  async run(req, deps: JobDeps): Promise<ReadReply> {
    const found = await findNode(req.node, deps);
    if (!found.ok) return { summary: found.message };
    const [{ data: n }, { data: allocs }] = await Promise.all([deps.nomad.nodes.read(found.node.ID), deps.nomad.nodes.allocations(found.node.ID)]);
    const now = deps.now();
    const usage = usageOf(allocs);
    const free = nomadFreeDiskMB(n, usage.diskMB);
    const res = n.NodeResources;
    // The disk as the drift alert and `/ci diskfree` see it: the script's total on clients that report it, and the real free space.
    const disk = await judgeNode(n, usage, deps);
    const real = typeof disk.realFree === 'number' ? `, free on the disk ${size(disk.realFree)}` : '';
    const lines = [
      `*${n.Name}* · ${n.Status} · ${n.SchedulingEligibility} · ${n.Drain ? 'draining' : 'not draining'} · ${n.Datacenter} · class ${n.NodeClass || '-'} · ID ${n.ID.slice(0, 8)}`,
      `Nomad ${n.Version ?? n.Attributes?.['nomad.version'] ?? '?'} · ${n.HTTPAddr ?? n.Address ?? ''}${n.StatusDescription ? ` · ${n.StatusDescription}` : ''}`,
      `Resources: ${res?.Cpu?.TotalCpuCores ?? '?'} cores (${res?.Cpu?.CpuShares ?? '?'} MHz) · memory ${res?.Memory ? iec(res.Memory.MemoryMB) : '?'} · disk ${size(disk.total)}, Nomad's free ${free === undefined ? '?' : iec(free)}${real}`,
    ];
    if (disk.problem) {
      lines.push(
        `⚠️ Disk accounting drift: ${why(disk)} (a CI builder asks ${size(diskSettings(deps).thresholdBytes)}); ${verdict(disk)}. \`/ci diskfree ${n.Name}\` has the cleanup.`,
      );
    }
    if (n.Drain && n.DrainStrategy) {
      const force =
        n.DrainStrategy.ForceDeadline && !n.DrainStrategy.ForceDeadline.startsWith('0001')
          ? `, deadline ${n.DrainStrategy.ForceDeadline.slice(11, 19)} UTC`
          : '';
      lines.push(
        `Draining since ${n.DrainStrategy.StartedAt?.slice(11, 19) ?? '?'} UTC${force}${n.DrainStrategy.IgnoreSystemJobs ? ', system jobs stay' : ''}.`,
      );
    } else if (n.LastDrain)
      lines.push(`Last drain: ${n.LastDrain.Status}${n.LastDrain.UpdatedAt ? ` at ${n.LastDrain.UpdatedAt.slice(0, 19).replace('T', ' ')} UTC` : ''}.`);
    const { running, live } = usage;
    lines.push(`${running} allocation${running === 1 ? '' : 's'} running${live > running ? `, ${live - running} starting or stopping` : ''}.`);

    const rows = [...allocs]
      .sort((a, b) => Number(isTerminal(a)) - Number(isTerminal(b)) || naturalOrder(a.Name, b.Name))
      .slice(0, 100)
      .map((a) => [a.ID.slice(0, 8), a.Name, a.ClientStatus, a.DesiredStatus, iec(sharedDiskMB(a)), age(a.ModifyTime / 1e6, now)]);
    const events = (n.Events ?? []).slice(-5).map((e) => `${e.Timestamp?.slice(0, 19).replace('T', ' ') ?? ''}  ${e.Subsystem ?? ''}  ${e.Message}`);
    const detail = [
      rows.length ? table(['ALLOC', 'NAME', 'STATUS', 'DESIRED', 'DISK', 'MODIFIED'], rows) : 'No allocations.',
      '',
      'Recent events:',
      ...events,
    ].join('\n');

    const choices = n.Drain
      ? [{ label: 'Cancel drain…', command: `node undrain ${n.Name}` }]
      : [
          { label: 'Drain…', command: `node drain ${n.Name}` },
          n.SchedulingEligibility === 'eligible'
            ? { label: 'Mark ineligible…', command: `node ineligible ${n.Name}` }
            : { label: 'Mark eligible…', command: `node eligible ${n.Name}` },
        ];
    return { summary: lines.join('\n'), detail, filename: `${n.Name}.txt`, choices };
  },
};
