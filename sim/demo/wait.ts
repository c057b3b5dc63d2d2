/**
 * `wait 30` or `wait 2m` in the console (scripts use it to let time pass, e.g. past a plan's expiry).
 * Capped so a typo cannot hang a script for hours, and the cap is said, never silent.
 */
import { duration } from '../../src/monitors/time-text.js';
import { parseDuration } from '../../src/operations/duration.js';

export const WAIT_CAP_MS = 600_000;

export interface WaitPlan {
  ms: number;
  /** Said before waiting when the request was capped. */
  note?: string;
}

/** Seconds as a bare number, or a duration (`90s`, `2m`); the answer is a plan or what is wrong. */
export function planWait(arg: string | undefined): WaitPlan | string {
  const asked = arg === undefined ? undefined : /^\d+(\.\d+)?$/.test(arg) ? Number(arg) * 1000 : parseDuration(arg);
  if (asked === undefined) return 'Usage: wait <seconds> or wait <duration>, e.g. "wait 30" or "wait 2m".';
  if (asked <= WAIT_CAP_MS) return { ms: asked };
  return { ms: WAIT_CAP_MS, note: `(wait is capped at ${duration(WAIT_CAP_MS)}: waiting ${duration(WAIT_CAP_MS)}, not ${duration(asked)})` };
}
