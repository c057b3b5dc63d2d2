/** `/ci node retire <name>`: the CircleCI-style scale-down, as a subcommand of `/ci node` (commands/node.ts). */
import type { CommandContext, ParseResult } from '../src/operations/index.js';
import { unknownServer } from './known-machines.js';
import { parseFlags } from './flags.js';
import { echo } from './tokenize.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/** Shaped like commands/node.ts's `NodeSubcommand` (not imported: node.ts imports this file). */
export const retire: { usage: string; summary: string; example: string; parse(args: readonly string[], ctx?: CommandContext): ParseResult } = {
  usage: '/ci node retire <name>',
  summary: 'Drain the node, wait for its builds to finish, then delete its VM and volumes (one approval, as `destructive`).',
  example: '/ci node retire alibuild12',
  parse(args, ctx) {
    const usage = (problem: string): ParseResult => ({
      type: 'reply',
      error: true,
      text: `${problem} Usage: \`${retire.usage}\`   e.g. \`${retire.example}\``,
    });
    const f = parseFlags(args, {});
    if (!f.ok) return usage(f.problem);
    if (f.positional.length === 0) return usage('Which node?');
    if (f.positional.length > 1) return usage(`Too many words: \`${echo(f.positional.slice(1).join(' '))}\`.`);
    const name = f.positional[0]!;
    if (!NAME.test(name)) return usage(`\`${echo(name)}\` is not a machine name.`);
    // Retiring deletes the VM: the server must exist in OpenStack.
    const unknown = unknownServer(name, ctx?.world.servers);
    if (unknown) return unknown;
    return { type: 'operation', request: { kind: 'node.retire', v: 1, name } };
  },
};
