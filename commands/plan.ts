/** `/ci plan <instance|dir>`: render → parse → plan, like `levant render -var-file X | nomad job plan -`. Read-only. */
import type { CommandModule } from '../src/operations/index.js';
import { resolveDeclaration } from './resolve-declaration.js';
import { echo } from './tokenize.js';
import { parseFlags } from './flags.js';

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
    const f = parseFlags(args, {});
    if (!f.ok) return usage(f.problem);
    const words = f.positional;
    if (words.length === 0) return usage('Which declaration?');
    if (words.length > 1) return usage(`Too many words: \`${echo(words.slice(1).join(' '))}\`.`);
    const r = resolveDeclaration(words[0]!, ctx.world.declarations, 'plan');
    if (!r.ok) return { type: 'reply', error: true, text: r.message };
    const instances = r.kind === 'dir' ? r.instances : [r.instance];
    if (instances.length === 0) return { type: 'reply', error: true, text: `\`${echo(words[0]!)}/\` holds no var files, so nothing to plan.` };
    return {
      type: 'read',
      request: { kind: 'nomad.plan', v: 1, targets: instances.map((i) => ({ instance: i.key, jobId: i.jobName })), ...(r.kind === 'dir' ? { dir: r.dir } : {}) },
    };
  },
};
