import { LogLevel, type Logger } from '@slack/bolt';

/** Keeps WebClient and Bolt quiet in tests: the simulator's errors are asserted, not logged. */
export const quietLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};
