/**
 * The moments of an apply where the fault suite kills the bot, named by the log line the bot
 * writes there. Production code only logs what it did; the harness (bot-runner.ts) watches its
 * own bot's log and dies with SIGKILL on the line, so no fault hook lives in src/.
 */
export const FAULT_POINTS = {
  /** The approval is recorded; the apply step is not queued yet (recovery must queue it). */
  'after-approval': 'approval recorded',
  /** The apply holds the target's lock and is marked applying; Nomad has not been called. */
  'after-lock': 'apply started',
  /** Nomad took the change (a job's first progress line follows its first write). */
  'after-nomad-call': 'apply progress',
  /** One recorded step of a multi-step apply (a cleanup, a retire) is done; the next is not started. */
  'after-step': 'step recorded',
  /** The result is recorded; the Slack message still shows "Applying". */
  'before-slack-update': 'result recorded',
} as const;

export type FaultPoint = keyof typeof FAULT_POINTS;

/** True when a pino JSON line is the one written at `point`. */
export function isFaultLine(line: string, point: FaultPoint): boolean {
  return line.includes(`"msg":${JSON.stringify(FAULT_POINTS[point])}`);
}
