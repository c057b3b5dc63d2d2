/** `/ci masters`: seed 002's master checklist, automated. */
import type { CommandModule } from '../src/operations/index.js';
import { noArgumentsProblem } from './flags.js';

export const masters: CommandModule = {
  name: 'masters',
  summary: 'The three masters: Nomad, Consul and Vault servers, leaders and peers, each reachable; problems first.',
  usage: '/ci masters',
  examples: ['/ci masters'],
  commandClass: 'read',
  needs: [],
  parse(args) {
    const problem = noArgumentsProblem(args, '/ci masters');
    return problem ? { type: 'reply', error: true, text: problem } : { type: 'read', request: { kind: 'masters.status', v: 1 } };
  },
};
