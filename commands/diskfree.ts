/** `/ci diskfree [<node>]`: seed 000's `nomad-diskfree`, with each node's real free space and a verdict. */
import type { CommandModule, ParseResult } from '../src/operations/index.js';
import { parseFlags } from './flags.js';
import { echo } from './tokenize.js';

const USAGE = '/ci diskfree [<node>]';
const usage = (problem: string): ParseResult => ({ type: 'reply', error: true, text: `${problem} Usage: \`${USAGE}\`   e.g. \`/ci diskfree alibuild10\`` });
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

export const diskfree: CommandModule = {
  name: 'diskfree',
  summary:
    "Nodes where a CI builder does not fit by Nomad's count of free disk (or Nomad counts room the disk does not have): Nomad's free, the real free space, what runs there, and the verdict (needs cleanup now / wait for builds) with the cleanup command. With a name, one node.",
  usage: USAGE,
  examples: ['/ci diskfree', '/ci diskfree alibuild10'],
  commandClass: 'read',
  needs: [],
  parse(args) {
    const f = parseFlags(args, {});
    if (!f.ok) return usage(f.problem);
    if (f.positional.length > 1) return usage(`Too many words: \`${echo(f.positional.slice(1).join(' '))}\`.`);
    const node = f.positional[0];
    if (node === undefined) return { type: 'read', request: { kind: 'nomad.diskfree', v: 1 } };
    if (!NAME.test(node)) return usage(`\`${echo(node)}\` is not a node name.`);
    return { type: 'read', request: { kind: 'nomad.diskfree', v: 1, node } };
  },
};
