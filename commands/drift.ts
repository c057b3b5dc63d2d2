/** `/ci drift`: which running jobs differ from their declarations, which declarations do not run, and undeclared jobs. */
import type { CommandModule } from '../src/operations/index.js';
import { parseFlags } from './flags.js';
import { echo } from './tokenize.js';

export const drift: CommandModule = {
  name: 'drift',
  summary: 'Compare every declaration with what runs (read-only): differences, declared-but-stopped, undeclared jobs.',
  usage: '/ci drift',
  examples: ['/ci drift'],
  commandClass: 'read',
  needs: [],
  parse(args) {
    const f = parseFlags(args, {});
    if (!f.ok) return { type: 'reply', error: true, text: `${f.problem} Usage: \`/ci drift\`` };
    if (args.length > 0)
      return {
        type: 'reply',
        error: true,
        text: `\`/ci drift\` takes no arguments (got \`${echo(args.join(' '))}\`); \`/ci plan <instance>\` shows one declaration.`,
      };
    return { type: 'read', request: { kind: 'nomad.drift', v: 1 } };
  },
};
