/** The `ci-chatops` command line: a table of subcommands, each `(argv) => exit code`. */
import { renderCommand, renderUsage } from './cli/render.js';
import { checkConfigCommand, checkConfigUsage } from './cli/check-config.js';

export type Subcommand = (argv: string[]) => Promise<number>;

const usage: Record<string, string> = {
  render: renderUsage,
  'check-config': checkConfigUsage,
  help: 'help   show this list',
};

export const subcommands: Record<string, Subcommand> = {
  render: renderCommand,
  'check-config': (argv) => checkConfigCommand(argv),
  help: async () => {
    process.stdout.write(`usage: ci-chatops <command> [args]\n\n${Object.values(usage).map((u) => `  ${u}`).join('\n')}\n`);
    return 0;
  },
};

/** Runs one subcommand; unknown ones print the help on stderr. */
export async function main(argv: string[]): Promise<number> {
  const [name = 'help', ...rest] = argv;
  const run = Object.hasOwn(subcommands, name) ? subcommands[name] : undefined;
  if (!run) {
    process.stderr.write(`ci-chatops: unknown command ${JSON.stringify(name)}; try \`ci-chatops help\`\n`);
    return 1;
  }
  return run(rest);
}
