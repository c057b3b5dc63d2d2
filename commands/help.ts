/** `/ci help [command]`: generated from the command registry, so help and commands cannot drift. */
import type { CommandModule } from '../src/operations/index.js';
import { closest, orList } from './suggest.js';
import { echo } from './tokenize.js';
import { parseFlags } from './flags.js';
import { nodeSubcommands } from './node.js';
import { vmSubcommands } from './vm.js';

export function helpCommand(registry: () => readonly CommandModule[]): CommandModule {
  return {
    name: 'help',
    summary: 'List the commands, or explain one: `/ci help scale`.',
    usage: '/ci help [command]',
    examples: ['/ci help', '/ci help scale'],
    commandClass: 'read',
    needs: [],
    parse(args) {
      const f = parseFlags(args, {});
      if (!f.ok) return { type: 'reply', error: true, text: `${f.problem} Usage: \`/ci help [command]\`` };
      args = f.positional;
      const commands = registry();
      if (args.length === 0) return { type: 'reply', text: overview(commands) };
      const name = args[0]!;
      const cmd = commands.find((c) => c.name === name.toLowerCase());
      if (!cmd) return { type: 'reply', error: true, text: unknownCommand(name, commands) };
      const lines = [`*${slackText(cmd.usage)}*`, cmd.summary, '', 'Examples:', ...cmd.examples.map((e) => `• \`${slackText(e)}\``)];
      return { type: 'reply', text: lines.join('\n') };
    },
  };
}

/** `<instance>` in a usage is text, not a Slack link or mention: Slack wants `<` and `>` escaped everywhere, code included. */
const slackText = (usage: string) => usage.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function overview(commands: readonly CommandModule[]): string {
  const lines = commands.map((c) => `• \`${slackText(c.usage)}\` — ${c.summary}`);
  return ['*ci-chatops commands*', ...lines, '', 'More on one: `/ci help <command>`.'].join('\n');
}

/** Verbs that belong to a command (`drain` is `/ci node drain`): a person who types one alone is shown the whole command. */
const PARENT: ReadonlyMap<string, string> = new Map([
  ...Object.keys(vmSubcommands).map((verb) => [verb, 'vm'] as const),
  ...Object.keys(nodeSubcommands).map((verb) => [verb, 'node'] as const),
]);

/** The answer to a verb that is not a command; `args`, the words after it, complete the suggested command. */
export function unknownCommand(name: string, commands: readonly CommandModule[], args: readonly string[] = []): string {
  const parent = PARENT.get(name.toLowerCase());
  if (parent) {
    const rest = args.length ? args.map((a) => echo(a, 40)).join(' ') : '<name>';
    return `\`${echo(name)}\` is not a /ci command on its own: try \`/ci ${parent} ${name.toLowerCase()} ${rest}\`. \`/ci help ${parent}\` has more.`;
  }
  const near = closest(
    name,
    commands.map((c) => c.name),
  );
  const hint = near.length ? ` Did you mean ${orList(near.map((n) => `\`${n}\``))}?` : '';
  return `\`${echo(name)}\` is not a /ci command.${hint} \`/ci help\` lists them.`;
}
