/** `/ci redeploy <instance>`: stop the job, then run it again from its declaration (one approval). */
import type { CommandModule } from '../src/operations/index.js';
import { resolveDeclaration } from './resolve-declaration.js';
import { echo } from './tokenize.js';
import { parseFlags } from './flags.js';

const USAGE = '/ci redeploy <instance>';

export const redeploy: CommandModule = {
  name: 'redeploy',
  summary: 'Fully stop a job and run it again from its declaration (frees its nodes for others first).',
  usage: USAGE,
  examples: ['/ci redeploy mesosci-cs8'],
  commandClass: 'nomad-mutate',
  needs: ['declarations'],
  parse(args, ctx) {
    const usage = (problem: string) => ({ type: 'reply' as const, error: true, text: `${problem} Usage: \`${USAGE}\`   e.g. \`/ci redeploy mesosci-cs8\`` });
    const f = parseFlags(args, {});
    if (!f.ok) return usage(f.problem);
    const words = f.positional;
    if (words.length === 0) return usage('Which instance?');
    if (words.length > 1) return usage(`Too many words: \`${echo(words.slice(1).join(' '))}\`.`);
    const r = resolveDeclaration(words[0]!, ctx.world.declarations, 'redeploy');
    if (!r.ok) return { type: 'reply', error: true, text: r.message };
    if (r.kind === 'dir') {
      return usage(`\`${r.dir}/\` is a directory: redeploy one instance at a time (${r.instances.map((i) => `\`${i.key}\``).join(', ')}).`);
    }
    return {
      type: 'operation',
      request: { kind: 'nomad.redeploy', v: 1, target: { instance: r.instance.key, jobId: r.instance.jobName }, typed: echo(words[0]!, 200) },
    };
  },
};
