/** `/ci policy` (issue 17.6): what may happen automatically, and what did in the last day. */
import type { CommandModule } from '../src/operations/index.js';
import { noArgumentsProblem } from './flags.js';

export const policy: CommandModule = {
  name: 'policy',
  summary: 'What the self-healing policy may do without an approval, and what it did in the last day.',
  usage: '/ci policy',
  examples: ['/ci policy'],
  commandClass: 'read',
  needs: [],
  parse(args) {
    const problem = noArgumentsProblem(args, '/ci policy');
    return problem ? { type: 'reply', error: true, text: problem } : { type: 'read', request: { kind: 'policy.show', v: 1 } };
  },
};
