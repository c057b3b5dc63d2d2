/** `/ci plan <instance|dir>`: render → parse → plan, like `levant render -var-file X | nomad job plan -`. Read-only. */
import type { CommandModule } from '../src/operations/index.js';
import { resolveDeclaration } from './resolve-declaration.js';
import { echo } from './tokenize.js';

const USAGE = '/ci plan <instance|dir>';

export const plan: CommandModule = {
  name: 'plan',
  summary: 'What deploying a declaration would change (read-only): the diff, and placement failures explained.',
  usage: USAGE,
  examples: ['/ci plan mesosci-cs8', '/ci plan ci', '/ci plan repo'],
  commandClass: 'read',
  needs: ['declarations'],
  parse(args, ctx) {
    const usage = (problem: string) => ({ type: 'reply' as const, error: true, text: `${problem} Usage: \`${USAGE}\`   e.g. \`/ci plan mesosci-cs8\`` });
    if (args.length === 0) return usage('Which declaration?');
    if (args.length > 1) return usage(`Too many words: \`${echo(args.slice(1).join(' '))}\`.`);
    const r = resolveDeclaration(args[0]!, ctx.world.declarations, 'plan');
    if (!r.ok) return { type: 'reply', error: true, text: r.message };
    const instances = r.kind === 'dir' ? r.instances : [r.instance];
    if (instances.length === 0) return { type: 'reply', error: true, text: `\`${echo(args[0]!)}/\` holds no var files, so nothing to plan.` };
    return {
      type: 'read',
      request: { kind: 'nomad.plan', v: 1, targets: instances.map((i) => ({ instance: i.key, jobId: i.jobName })), ...(r.kind === 'dir' ? { dir: r.dir } : {}) },
    };
  },
};
