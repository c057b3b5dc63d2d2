/** `/ci plan <instance|dir>`: render → parse → plan, like `levant render -var-file X | nomad job plan -`. Read-only. */
import type { CommandModule } from '../src/operations/index.js';
import { declarationArgs, refWorld, resolveDeclaration } from './resolve-declaration.js';
import { echo } from './tokenize.js';

const USAGE = '/ci plan <instance|dir> [--ref <branch|tag|commit>]';

export const plan: CommandModule = {
  name: 'plan',
  summary: 'What deploying a declaration would change (read-only): the diff, and placement failures explained.',
  usage: USAGE,
  examples: ['/ci plan mesosci-cs8', '/ci plan ci', '/ci plan repo', '/ci plan mesosci-cs8 --ref 3f2a1bc'],
  commandClass: 'read',
  needs: ['declarations'],
  worldOptions: refWorld,
  parse(args, ctx) {
    const usage = (problem: string) => ({ type: 'reply' as const, error: true, text: `${problem} Usage: \`${USAGE}\`   e.g. \`/ci plan mesosci-cs8\`` });
    const a = declarationArgs(args, ctx.world.declarations);
    if (!a.ok) return usage(a.problem);
    const r = resolveDeclaration(a.name, ctx.world.declarations, 'plan');
    if (!r.ok) return { type: 'reply', error: true, text: r.message };
    const instances = r.kind === 'dir' ? r.instances : [r.instance];
    if (instances.length === 0) return { type: 'reply', error: true, text: `\`${echo(a.name)}/\` holds no var files, so nothing to plan.` };
    return {
      type: 'read',
      request: {
        kind: 'nomad.plan',
        v: 1,
        targets: instances.map((i) => ({ instance: i.key, jobId: i.jobName })),
        ...(r.kind === 'dir' ? { dir: r.dir } : {}),
        ...(a.ref ? { ref: a.ref } : {}),
      },
    };
  },
};
