/** `/ci deploy <instance|dir>`: plan, approval, then run with check-index (a directory: one instance after another). */
import type { CommandModule } from '../src/operations/index.js';
import { resolveDeclaration } from './resolve-declaration.js';
import { echo } from './tokenize.js';
import { parseFlags } from './flags.js';

const USAGE = '/ci deploy <instance|dir>';

export const deploy: CommandModule = {
  name: 'deploy',
  summary: 'Deploy a declaration (or every instance of a directory, one at a time) after approval.',
  usage: USAGE,
  examples: ['/ci deploy mesosci-cs8', '/ci deploy ci', '/ci deploy repo'],
  commandClass: 'nomad-mutate',
  needs: ['declarations'],
  parse(args, ctx) {
    const usage = (problem: string) => ({ type: 'reply' as const, error: true, text: `${problem} Usage: \`${USAGE}\`   e.g. \`/ci deploy mesosci-cs8\` or \`/ci deploy ci\`` });
    const f = parseFlags(args, {});
    if (!f.ok) return usage(f.problem);
    const words = f.positional;
    if (words.length === 0) return usage('Which declaration?');
    if (words.length > 1) return usage(`Too many words: \`${echo(words.slice(1).join(' '))}\`.`);
    const r = resolveDeclaration(words[0]!, ctx.world.declarations, 'deploy');
    if (!r.ok) return { type: 'reply', error: true, text: r.message };
    const instances = r.kind === 'dir' ? r.instances : [r.instance];
    if (instances.length === 0) return { type: 'reply', error: true, text: `\`${echo(words[0]!)}/\` holds no var files, so nothing to deploy.` };
    return {
      type: 'operation',
      request: {
        kind: 'nomad.deploy',
        v: 1,
        targets: instances.map((i) => ({ instance: i.key, jobId: i.jobName })),
        ...(r.kind === 'dir' ? { dir: r.dir } : {}),
        typed: echo(words[0]!, 200),
      },
    };
  },
};
