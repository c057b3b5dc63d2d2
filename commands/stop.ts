/** `/ci stop <job> [--purge]`: like `nomad job stop [-purge]`, after approval. Purge only when asked. */
import type { CommandModule } from '../src/operations/index.js';
import { resolveJob } from './resolve-job.js';
import { echo } from './tokenize.js';
import { parseFlags } from './flags.js';

const USAGE = '/ci stop <job> [--purge]';

export const stop: CommandModule = {
  name: 'stop',
  summary: 'Stop a job (all its allocations) after approval; `--purge` also removes it from Nomad.',
  usage: USAGE,
  examples: ['/ci stop mesosci-cs8', '/ci stop ci-mesosci-slc9 --purge'],
  commandClass: 'nomad-mutate',
  needs: ['jobs'],
  parse(args, ctx) {
    const usage = (problem: string) => ({ type: 'reply' as const, error: true, text: `${problem} Usage: \`${USAGE}\`   e.g. \`/ci stop mesosci-cs8\`` });
    const f = parseFlags(args, { purge: 'bool' });
    if (!f.ok) return usage(f.problem);
    const { positional } = f;
    const purge = f.bools.has('purge');
    if (positional.length === 0) return usage('Which job?');
    if (positional.length > 1) return usage(`Too many words: \`${echo(positional.slice(1).join(' '))}\`.`);
    const resolved = resolveJob(positional[0]!, ctx.world.jobs ?? []);
    if (!resolved.ok) return { type: 'reply', error: true, text: resolved.message };
    const job = resolved.job;
    if (job.status === 'dead' && !purge) return { type: 'reply', text: `${job.id} is already stopped. \`/ci stop ${job.id} --purge\` removes it from Nomad.` };
    return { type: 'operation', request: { kind: 'nomad.stop', v: 1, jobId: job.id, purge, typed: echo(positional[0]!, 200) } };
  },
};
