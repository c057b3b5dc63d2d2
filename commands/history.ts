/** `/ci history [job|node|@user]`: the audit trail in Slack. */
import type { CommandModule } from '../src/operations/index.js';
import { parseFlags } from './flags.js';
import { echo } from './tokenize.js';

const USAGE = '/ci history [job|node|@user]';

export const history: CommandModule = {
  name: 'history',
  summary: 'Who requested, approved and applied what (audit trail), for a job, a node or a person.',
  usage: USAGE,
  examples: ['/ci history', '/ci history ci-mesosci-cs8', '/ci history @alice'],
  commandClass: 'read',
  needs: [],
  parse(args) {
    const f = parseFlags(args, {});
    if (!f.ok) return { type: 'reply', error: true, text: `${f.problem} Usage: \`${USAGE}\`` };
    args = f.positional;
    if (args.length > 1) return { type: 'reply', error: true, text: `Too many words. Usage: \`${USAGE}\`` };
    const arg = args[0];
    if (arg === undefined) return { type: 'read', request: { kind: 'audit.history', v: 1 } };
    // Slack sends a mention as <@U123|alice> when the command escapes it, or as @alice text otherwise.
    const mention = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(arg);
    if (mention) return { type: 'read', request: { kind: 'audit.history', v: 1, userId: mention[1]! } };
    if (/^[UW][A-Z0-9]{2,}$/.test(arg)) return { type: 'read', request: { kind: 'audit.history', v: 1, userId: arg } };
    if (!/^[A-Za-z0-9][A-Za-z0-9_./-]{0,127}$/.test(arg))
      return { type: 'reply', error: true, text: `\`${echo(arg)}\` is not a job, node or user. Usage: \`${USAGE}\`` };
    const target = arg.includes('/') ? arg.replace('/', '-') : arg;
    return { type: 'read', request: { kind: 'audit.history', v: 1, target } };
  },
};
