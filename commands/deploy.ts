/** `/ci deploy <instance|dir>`: plan, approval, then run with check-index (a directory: one instance after another). */
import type { CommandModule } from '../src/operations/index.js';
import { resolveDeclaration } from './resolve-declaration.js';
import { echo } from './tokenize.js';

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
    if (args.length === 0) return usage('Which declaration?');
    if (args[0]!.startsWith('--')) return usage(`Unknown option \`${echo(args[0]!)}\`.`);
    if (args.length > 1) return usage(`Too many words: \`${echo(args.slice(1).join(' '))}\`.`);
    const r = resolveDeclaration(args[0]!, ctx.world.declarations, 'deploy');
    if (!r.ok) return { type: 'reply', error: true, text: r.message };
    const instances = r.kind === 'dir' ? r.instances : [r.instance];
    if (instances.length === 0) return { type: 'reply', error: true, text: `\`${echo(args[0]!)}/\` holds no var files, so nothing to deploy.` };
    return {
      type: 'operation',
      request: {
        kind: 'nomad.deploy',
        v: 1,
        targets: instances.map((i) => ({ instance: i.key, jobId: i.jobName })),
        ...(r.kind === 'dir' ? { dir: r.dir } : {}),
        typed: echo(args[0]!, 200),
      },
    };
  },
};
