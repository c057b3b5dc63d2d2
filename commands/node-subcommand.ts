import type { CommandContext, ParseResult } from '../src/operations/index.js';

/** One entry of `/ci node <subcommand> …` (commands/node.ts holds the table). */
export interface NodeSubcommand {
  /** `/ci node drain <name> [--deadline 1h] [--ignore-system]` */
  readonly usage: string;
  readonly summary: string;
  readonly example: string;
  /** `args` are the words after the subcommand's name. */
  parse(args: readonly string[], ctx: CommandContext): ParseResult;
}
