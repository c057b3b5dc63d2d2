/** `/ci deploy <instance|dir>`: plan, approval, then run with check-index (a directory: one instance after another). */
import type { CommandModule } from '../src/operations/index.js';
import { declarationArgs, refWorld, resolveDeclaration } from './resolve-declaration.js';
import { echo } from './tokenize.js';

const USAGE = '/ci deploy <instance|dir> [--ref <branch|tag|commit>]';

export const deploy: CommandModule = {
  name: 'deploy',
  summary: 'Deploy a declaration (or every instance of a directory, one at a time) after approval.',
  usage: USAGE,
  examples: ['/ci deploy mesosci-cs8', '/ci deploy ci', '/ci deploy repo', '/ci deploy mesosci-cs8 --ref v1.2'],
  commandClass: 'nomad-mutate',
  needs: ['declarations'],
  worldOptions: refWorld,
  parse(args, ctx) {
    const usage = (problem: string) => ({
      type: 'reply' as const,
      error: true,
      text: `${problem} Usage: \`${USAGE}\`   e.g. \`/ci deploy mesosci-cs8\` or \`/ci deploy ci\``,
    });
    const a = declarationArgs(args, ctx.world.declarations);
    if (!a.ok) return usage(a.problem);
    const r = resolveDeclaration(a.name, ctx.world.declarations, 'deploy');
    if (!r.ok) return { type: 'reply', error: true, text: r.message };
    const instances = r.kind === 'dir' ? r.instances : [r.instance];
    if (instances.length === 0) return { type: 'reply', error: true, text: `\`${echo(a.name)}/\` holds no var files, so nothing to deploy.` };
    return {
      type: 'operation',
      request: {
        kind: 'nomad.deploy',
        v: 1,
        targets: instances.map((i) => ({ instance: i.key, jobId: i.jobName })),
        ...(r.kind === 'dir' ? { dir: r.dir } : {}),
        ...(a.ref ? { ref: a.ref } : {}),
        typed: echo(a.name, 200),
      },
    };
  },
};
