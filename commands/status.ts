/** `/ci status [job]`: every job with running/desired per group, or one job in detail. */
import type { CommandModule } from '../src/operations/index.js';
import { resolveJob } from './resolve-job.js';
import { parseFlags } from './flags.js';
import { echo } from './tokenize.js';

export const status: CommandModule = {
  name: 'status',
  summary: 'Jobs at a glance (problems first), or one job: allocations, evaluations, deployment.',
  usage: '/ci status [job]',
  examples: ['/ci status', '/ci status mesosci-cs8'],
  commandClass: 'read',
  needs: ['jobs'],
  parse(args, ctx) {
    const f = parseFlags(args, {});
    if (!f.ok) return { type: 'reply', error: true, text: `${f.problem} Usage: \`/ci status [job]\`` };
    args = f.positional;
    if (args.length > 1) return { type: 'reply', error: true, text: `Too many words: \`${echo(args.slice(1).join(' '))}\`. Usage: \`/ci status [job]\`` };
    if (args.length === 0) return { type: 'read', request: { kind: 'nomad.status', v: 1 } };
    const resolved = resolveJob(args[0]!, ctx.world.jobs ?? []);
    if (!resolved.ok) return { type: 'reply', error: true, text: resolved.message };
    return { type: 'read', request: { kind: 'nomad.status', v: 1, jobId: resolved.job.id } };
  },
};
