/** `/ci whoami`: what you may do here. */
import type { CommandModule } from '../src/operations/index.js';

export const whoami: CommandModule = {
  name: 'whoami',
  summary: 'What you may request and approve in this channel.',
  usage: '/ci whoami',
  examples: ['/ci whoami'],
  commandClass: 'read',
  needs: [],
  parse: (args) => (args.length ? { type: 'reply', error: true, text: '`/ci whoami` takes no arguments.' } : { type: 'read', request: { kind: 'access.whoami', v: 1 } }),
};
