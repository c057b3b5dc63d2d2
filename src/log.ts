/** Structured JSON logs (pino) with secrets masked on every line. */
import { pino, type DestinationStream, type Logger } from 'pino';
import { redact } from './redact.js';

export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? process.env.LOG_LEVEL ?? 'info',
      base: { service: 'ci-chatops' },
      timestamp: pino.stdTimeFunctions.isoTime,
      hooks: {
        // Mask registered secrets and token patterns in the final line, whatever field they hide in.
        streamWrite: (line) => redact(line),
      },
    },
    options.destination ?? process.stdout,
  );
}

export type { Logger } from 'pino';
