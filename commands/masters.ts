/** `/ci masters`: seed 002's master checklist, automated. */
import type { CommandModule } from '../src/operations/index.js';

export const masters: CommandModule = {
  name: 'masters',
  summary: 'The three masters: Nomad, Consul and Vault servers, leaders and peers, each reachable; problems first.',
  usage: '/ci masters',
  examples: ['/ci masters'],
  commandClass: 'read',
  needs: [],
  parse: (args) => (args.length ? { type: 'reply', error: true, text: '`/ci masters` takes no arguments.' } : { type: 'read', request: { kind: 'masters.status', v: 1 } }),
};
