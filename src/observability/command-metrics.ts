/**
 * `/ci` commands by name and outcome, counted around the dispatcher rather than inside it: a Bolt
 * middleware opens a slot per slash command, the wrapped parsers say what they decided, and a
 * command that never reached its parser (access policy, freeze, Nomad unreachable) was refused.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { CommandModule, ParseResult } from '../operations/index.js';
import type { BotMetrics, CommandOutcome } from './metrics.js';

interface Slot {
  outcome?: CommandOutcome;
}

export interface CommandMeter {
  /** The registry with each parser wrapped; give it to the dispatcher instead of the plain one. */
  commands: readonly CommandModule[];
  unknownCommand(name: string, commands: readonly CommandModule[]): string;
  /** Register with `app.use(...)` before the command handler. */
  middleware: Middleware<AnyMiddlewareArgs>;
}

export function meterCommands(commands: readonly CommandModule[], unknownCommand: (name: string, commands: readonly CommandModule[]) => string, metrics: BotMetrics): CommandMeter {
  const slots = new AsyncLocalStorage<Slot>();
  const decide = (outcome: CommandOutcome) => {
    const slot = slots.getStore();
    if (slot) slot.outcome = outcome;
  };
  const wrapped = commands.map(
    (c): CommandModule => ({
      ...c,
      parse(args, ctx): ParseResult {
        const result = c.parse(args, ctx);
        decide(result.type === 'operation' ? 'queued' : result.type === 'read' ? 'read' : result.error ? 'invalid' : 'reply');
        return result;
      },
    }),
  );
  const names = new Set(commands.map((c) => c.name));
  return {
    commands: wrapped,
    unknownCommand(name, list) {
      decide('unknown');
      return unknownCommand(name, list);
    },
    middleware: async ({ body, next }) => {
      const text = slashText(body);
      if (text === undefined) return next();
      const slot: Slot = {};
      try {
        await slots.run(slot, next);
      } finally {
        const word = text.trim().split(/\s+/)[0] || 'help';
        // Unknown words stay out of the labels: a typo must not create a new time series.
        metrics.command(names.has(word) ? word : '(unknown)', slot.outcome ?? 'refused');
      }
    },
  };
}

function slashText(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as { command?: unknown; text?: unknown };
  return typeof b.command === 'string' ? (typeof b.text === 'string' ? b.text : '') : undefined;
}
