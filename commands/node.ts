/**
 * `/ci node <name>` and `/ci node <subcommand> <name> …`: one node, and what operators do to it.
 * Subcommands are a table: add one by adding an entry (its usage shows in `/ci help node`).
 */
import type { CommandContext, CommandModule, ParseResult } from '../src/operations/index.js';
import { unknownNode } from './known-machines.js';
import { ownEntry, parseDuration, parseFlags } from './flags.js';
import type { NodeSubcommand } from './node-subcommand.js';
import { closest, orList } from './suggest.js';
import { echo } from './tokenize.js';
import { retire } from './vm-retire.js';
import { cleanup } from './node-cleanup.js';

export type { NodeSubcommand } from './node-subcommand.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;
const DEFAULT_DEADLINE_MS = 3_600_000; // the CLI's default
const MAX_DEADLINE_MS = 7 * 24 * 3_600_000;

const usage = (sub: NodeSubcommand, problem: string): ParseResult => ({
  type: 'reply',
  error: true,
  text: `${problem} Usage: \`${sub.usage}\`   e.g. \`${sub.example}\``,
});

/** The one node name a subcommand takes, or the reply explaining what is wrong (a node Nomad does not know included). */
export function oneNodeName(
  sub: NodeSubcommand,
  positional: readonly string[],
  ctx?: CommandContext,
): { ok: true; node: string } | { ok: false; reply: ParseResult } {
  if (positional.length === 0) return { ok: false, reply: usage(sub, 'Which node?') };
  if (positional.length > 1) return { ok: false, reply: usage(sub, `Too many words: \`${echo(positional.slice(1).join(' '))}\`.`) };
  const node = positional[0]!;
  if (!NAME.test(node)) return { ok: false, reply: usage(sub, `\`${echo(node)}\` is not a node name.`) };
  const unknown = unknownNode(node, ctx?.world.nodes);
  if (unknown) return { ok: false, reply: unknown };
  return { ok: true, node };
}

const drain: NodeSubcommand = {
  usage: '/ci node drain <name> [--deadline <1h>] [--ignore-system]',
  summary: 'Migrate every allocation off the node (it becomes ineligible), then wait until it is empty; at the deadline Nomad stops what is left.',
  example: '/ci node drain alibuild05 --deadline 30m',
  parse(args, ctx) {
    const f = parseFlags(args, { deadline: 'value', 'ignore-system': 'bool' });
    if (!f.ok) return usage(drain, f.problem);
    const name = oneNodeName(drain, f.positional, ctx);
    if (!name.ok) return name.reply;
    let deadlineMs = DEFAULT_DEADLINE_MS;
    const text = f.values.get('deadline');
    if (text !== undefined) {
      const ms = parseDuration(text);
      if (ms === undefined) return usage(drain, `\`${echo(text)}\` is not a duration (like \`1h\`, \`30m\` or \`1h30m\`).`);
      if (ms < 1_000) return usage(drain, 'The deadline must be at least 1s.');
      if (ms > MAX_DEADLINE_MS) return usage(drain, 'The deadline can be at most 168h (a week).');
      deadlineMs = ms;
    }
    return { type: 'operation', request: { kind: 'node.drain', v: 1, node: name.node, deadlineMs, ignoreSystemJobs: f.bools.has('ignore-system') } };
  },
};

function simple(name: string, summary: string, request: (node: string) => ParseResult): NodeSubcommand {
  const sub: NodeSubcommand = {
    usage: `/ci node ${name} <name>`,
    summary,
    example: `/ci node ${name} alibuild05`,
    parse(args, ctx) {
      const f = parseFlags(args, {});
      if (!f.ok) return usage(sub, f.problem);
      const n = oneNodeName(sub, f.positional, ctx);
      return n.ok ? request(n.node) : n.reply;
    },
  };
  return sub;
}

export const nodeSubcommands: Record<string, NodeSubcommand> = {
  drain,
  undrain: simple('undrain', 'Cancel a drain and make the node eligible again.', (node) => ({
    type: 'operation',
    request: { kind: 'node.undrain', v: 1, node },
  })),
  eligible: simple('eligible', 'Let the scheduler place new allocations on the node again.', (node) => ({
    type: 'operation',
    request: { kind: 'node.eligibility', v: 1, node, eligibility: 'eligible' },
  })),
  ineligible: simple('ineligible', 'No new allocations on the node; what runs there keeps running.', (node) => ({
    type: 'operation',
    request: { kind: 'node.eligibility', v: 1, node, eligibility: 'ineligible' },
  })),
  retire,
  cleanup,
};

/** Built from the table; no `|` inside <…> (Slack reads `<a|b>` as a link). */
const USAGE = `/ci node [${Object.keys(nodeSubcommands).join('|')}] <name>`;

export const node: CommandModule = {
  name: 'node',
  summary: `One node in detail; ${Object.keys(nodeSubcommands)
    .map((n) => `\`${n}\``)
    .join(', ')} change it after approval (\`/ci help node\` has an example of each).`,
  usage: USAGE,
  examples: ['/ci node alibuild05', ...Object.values(nodeSubcommands).map((s) => s.example)],
  // Per subcommand: show is read-only, the rest are checked against their operation's class after parsing.
  commandClass: 'read',
  needs: [],
  // A change is checked against the names that exist before it is queued; showing a node finds it itself.
  needsFor: ([first]) => {
    const verb = first?.toLowerCase();
    if (verb === 'retire') return ['servers'];
    if (verb === 'cleanup') return ['nodes', 'nodeBuilders'];
    return verb !== undefined && Object.hasOwn(nodeSubcommands, verb) ? ['nodes'] : [];
  },
  parse(args, ctx) {
    const [first, ...rest] = args;
    if (first === undefined) return { type: 'reply', error: true, text: `Which node? Usage: \`${USAGE}\`   e.g. \`/ci node alibuild05\`` };
    // Verbs in any case (`DRAIN`); node names as Nomad spells them.
    const sub = ownEntry(nodeSubcommands, first.toLowerCase());
    if (sub) return sub.parse(rest, ctx);
    // `/ci node <name>` shows one node and takes no options.
    const f = parseFlags(args, {});
    if (!f.ok) return { type: 'reply', error: true, text: `${f.problem} Usage: \`${USAGE}\`` };
    if (rest.length > 0) {
      const near = closest(first, Object.keys(nodeSubcommands));
      const hint = near.length ? ` Did you mean ${orList(near.map((n) => `\`${n}\``))}?` : '';
      return { type: 'reply', error: true, text: `\`${echo(first)}\` is not something \`/ci node\` does.${hint} Usage: \`${USAGE}\`` };
    }
    if (!NAME.test(first)) return { type: 'reply', error: true, text: `\`${echo(first)}\` is not a node name. Usage: \`${USAGE}\`` };
    return { type: 'read', request: { kind: 'nomad.node', v: 1, node: first } };
  },
};
