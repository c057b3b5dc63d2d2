/**
 * `/ci node cleanup <name> [--drain [--deadline 1h]]` (issue 17): seed 000's nomad-diskfree cleanup
 * as one approved operation. Refused privately, with nothing queued: a master, a node Nomad does
 * not know, and a node where builders run unless `--drain` moves them away first.
 */
import { isMasterName, type CommandContext, type ParseResult } from '../src/operations/index.js';
import { parseDuration, parseFlags } from './flags.js';
import { unknownNode } from './known-machines.js';
import { echo } from './tokenize.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
const MAX_DEADLINE_MS = 7 * 24 * 3_600_000;
const short = (n: string) => n.toLowerCase().replace(/\..*$/, '');

/** Shaped like commands/node.ts's `NodeSubcommand` (not imported: node.ts imports this file). */
export const cleanup: { usage: string; summary: string; example: string; parse(args: readonly string[], ctx?: CommandContext): ParseResult } = {
  usage: '/ci node cleanup <name> [--drain [--deadline <1h>]]',
  summary:
    "Seed 000's disk cleanup as one approval: ineligible, no builder left (or drained with --drain), the configured cleanup over SSH, the client ready with its disk back, eligible.",
  example: '/ci node cleanup alibuild10',
  parse(args, ctx) {
    const usage = (problem: string): ParseResult => ({
      type: 'reply',
      error: true,
      text: `${problem} Usage: \`${cleanup.usage}\`   e.g. \`${cleanup.example}\``,
    });
    const f = parseFlags(args, { drain: 'bool', deadline: 'value' });
    if (!f.ok) return usage(f.problem);
    if (f.positional.length === 0) return usage('Which node?');
    if (f.positional.length > 1) return usage(`Too many words: \`${echo(f.positional.slice(1).join(' '))}\`.`);
    const node = f.positional[0]!;
    if (!NAME.test(node)) return usage(`\`${echo(node)}\` is not a node name.`);
    if (isMasterName(short(node)))
      return {
        type: 'reply',
        error: true,
        text: `\`${echo(node)}\` is a master (a Nomad server), not a build node: there is no build area to clean up. Nothing was queued.`,
      };
    const unknown = unknownNode(node, ctx?.world.nodes);
    if (unknown) return unknown;
    const drain = f.bools.has('drain');
    const text = f.values.get('deadline');
    if (text !== undefined && !drain) return usage('`--deadline` goes with `--drain`.');
    let deadlineMs: number | undefined;
    if (text !== undefined) {
      deadlineMs = parseDuration(text);
      if (deadlineMs === undefined) return usage(`\`${echo(text)}\` is not a duration (like \`1h\`, \`30m\` or \`1h30m\`).`);
      if (deadlineMs < 1_000) return usage('The deadline must be at least 1s.');
      if (deadlineMs > MAX_DEADLINE_MS) return usage('The deadline can be at most 168h (a week).');
    }
    const known = ctx?.world.nodes?.find((n) => short(n.name) === short(node) || n.id.startsWith(node.toLowerCase()));
    const busy = known?.builders ?? [];
    if (busy.length > 0 && !drain) {
      const jobs = [...new Set(busy)].join(', ');
      return {
        type: 'reply',
        error: true,
        text: `Builders run on ${known!.name} (${jobs}): cleaning up under them would delete their build areas. Wait for them to finish, or move them away first: \`/ci node cleanup ${known!.name} --drain\`. Nothing was queued.`,
      };
    }
    return {
      type: 'operation',
      request: { kind: 'node.cleanup', v: 1, node, ...(drain ? { drain: deadlineMs !== undefined ? { deadlineMs } : {} } : {}) },
    };
  },
};
