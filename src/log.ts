/** Structured JSON logs (pino) with secrets masked on every line. */
import { pino, type DestinationStream, type Logger } from 'pino';
import { maskTokens, type Redactor } from './redact.js';

export interface LogOptions {
  level?: string;
  destination?: DestinationStream;
  /** The bot's secrets; without one, only token formats are masked. */
  redactor?: Redactor;
}

export function createLogger(options: LogOptions = {}): Logger {
  const redact = options.redactor ? (line: string) => options.redactor!.redact(line) : maskTokens;
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      base: { service: 'ci-chatops' },
      timestamp: pino.stdTimeFunctions.isoTime,
      hooks: {
        // Mask the bot's secrets and token patterns in the final line, whatever field they hide in.
        streamWrite: (line) => redact(line),
      },
    },
    options.destination ?? process.stdout,
  );
}

export type { Logger } from 'pino';
