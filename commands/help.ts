/** `/ci help [command]`: generated from the command registry, so help and commands cannot drift. */
import type { CommandModule } from '../src/operations/index.js';
import { closest, orList } from './suggest.js';
import { echo } from './tokenize.js';
import { parseFlags } from './flags.js';

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
      const cmd = commands.find((c) => c.name === name);
      if (!cmd) return { type: 'reply', error: true, text: unknownCommand(name, commands) };
      const lines = [`*${cmd.usage}*`, cmd.summary, '', 'Examples:', ...cmd.examples.map((e) => `• \`${e}\``)];
      return { type: 'reply', text: lines.join('\n') };
    },
  };
}

export function overview(commands: readonly CommandModule[]): string {
  const lines = commands.map((c) => `• \`${c.usage}\` — ${c.summary}`);
  return ['*ci-chatops commands*', ...lines, '', 'More on one: `/ci help <command>`.'].join('\n');
}

export function unknownCommand(name: string, commands: readonly CommandModule[]): string {
  const near = closest(
    name,
    commands.map((c) => c.name),
  );
  const hint = near.length ? ` Did you mean ${orList(near.map((n) => `\`${n}\``))}?` : '';
  return `\`${echo(name)}\` is not a /ci command.${hint} \`/ci help\` lists them.`;
}
