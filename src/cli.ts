/** The `ci-chatops` command line: a table of subcommands, each `(argv) => exit code`. */
import { renderCommand, renderUsage } from './cli/render.js';
import { checkConfigCommand, checkConfigUsage } from './cli/check-config.js';
import { editDistance } from './operations/edit-distance.js';

export type Subcommand = (argv: string[]) => Promise<number>;

const usage: Record<string, string> = {
  render: renderUsage,
  'check-config': checkConfigUsage,
  help: "help [command]   show this list, or one command's usage (also --help, and <command> --help)",
};

const list = (): string =>
  `usage: ci-chatops <command> [args]\n\n${Object.values(usage)
    .map((u) => `  ${u}`)
    .join('\n')}\n`;

/** Whether `name` is one of ours (not an inherited property such as "constructor"). */
const known = (name: string): boolean => Object.hasOwn(usage, name);

function unknownCommand(name: string): number {
  const near = Object.keys(usage).filter((c) => editDistance(name.toLowerCase(), c) <= 2);
  process.stderr.write(`ci-chatops: unknown command ${JSON.stringify(name)}${near.length ? `; did you mean ${near.join(' or ')}?` : ''}\n\n${list()}`);
  return 1;
}

export const subcommands: Record<string, Subcommand> = {
  render: renderCommand,
  'check-config': (argv) => checkConfigCommand(argv),
  help: async ([name]) => {
    if (name === undefined) process.stdout.write(list());
    else if (known(name)) process.stdout.write(`usage: ci-chatops ${usage[name]}\n`);
    else return unknownCommand(name);
    return 0;
  },
};

const HELP_FLAGS = ['--help', '-h'];

/** Runs one subcommand; `--help` anywhere asks for usage instead; unknown commands get the list on stderr. */
export async function main(argv: string[]): Promise<number> {
  const [first = 'help', ...rest] = argv;
  if (HELP_FLAGS.includes(first)) return subcommands.help!(rest);
  if (!known(first)) return unknownCommand(first);
  if (rest.some((a) => HELP_FLAGS.includes(a))) return subcommands.help!([first]);
  return subcommands[first]!(rest);
}
