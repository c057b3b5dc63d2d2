/** `/ci whoami`: what you may do here. */
import type { CommandModule } from '../src/operations/index.js';
import { noArgumentsProblem } from './flags.js';

export const whoami: CommandModule = {
  name: 'whoami',
  summary: 'What you may request and approve in this channel.',
  usage: '/ci whoami',
  examples: ['/ci whoami'],
  commandClass: 'read',
  needs: [],
  parse(args) {
    const problem = noArgumentsProblem(args, '/ci whoami');
    return problem ? { type: 'reply', error: true, text: problem } : { type: 'read', request: { kind: 'access.whoami', v: 1 } };
  },
};
