/** `access.whoami`: what the asker may request and approve in this channel, class by class. */
import { WhoAmI } from '../../src/operations/index.js';
import type { ReadJobModule } from '../../src/ports.js';

const EXAMPLES: Record<string, string> = {
  read: 'status, logs, nodes, history',
  'nomad-mutate': 'scale, deploy, stop, restart',
  node: 'node drain / eligible',
  vm: 'vm reboot / rebuild / create',
  destructive: 'vm delete, node retire',
};

export const whoAmI: ReadJobModule<WhoAmI> = {
  kind: 'access.whoami',
  schema: WhoAmI,
  async run(_req, deps, asker) {
    const classes = await deps.access.summarize(asker.userId, asker.channelId);
    const lines = classes.map((c) => {
      const req = c.mayRequest ? '✅ may request' : `⛔ may not request (${c.requestReason})`;
      const app = c.commandClass === 'read' ? '' : c.mayApprove ? ' · ✅ may approve' : ' · may not approve';
      return `• *${c.commandClass}* (${EXAMPLES[c.commandClass] ?? ''}): ${req}${app}`;
    });
    return { summary: [`You are <@${asker.userId}>, in <#${asker.channelId}>:`, ...lines].join('\n') };
  },
};
