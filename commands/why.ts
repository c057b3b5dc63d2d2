/** `/ci why <job>`: why allocations of a job are not placed (blocked evaluations, in plain words). */
import type { CommandModule } from '../src/operations/index.js';
import { resolveJob } from './resolve-job.js';
import { echo } from './tokenize.js';
import { parseFlags } from './flags.js';

const USAGE = '/ci why <job>';

export const why: CommandModule = {
  name: 'why',
  summary: "Why a job's allocations are not placed: its blocked evaluations and which constraint or resource stops them.",
  usage: USAGE,
  examples: ['/ci why mesosci-slc9'],
  commandClass: 'read',
  needs: ['jobs'],
  parse(args, ctx) {
    const f = parseFlags(args, {});
    if (!f.ok) return { type: 'reply', error: true, text: `${f.problem} Usage: \`${USAGE}\`` };
    args = f.positional;
    if (args.length === 0) return { type: 'reply', error: true, text: `Which job? Usage: \`${USAGE}\`   e.g. \`/ci why mesosci-slc9\`` };
    if (args.length > 1) return { type: 'reply', error: true, text: `Too many words: \`${echo(args.slice(1).join(' '))}\`. Usage: \`${USAGE}\`` };
    const resolved = resolveJob(args[0]!, ctx.world.jobs ?? []);
    if (!resolved.ok) return { type: 'reply', error: true, text: resolved.message };
    return { type: 'read', request: { kind: 'nomad.why', v: 1, jobId: resolved.job.id } };
  },
};
