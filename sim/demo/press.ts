/** `press <n>`, `press <n> on <m>` (or `on message <m>`): the console's click, parsed. */
export interface PressRequest {
  /** The button's number as printed, `[n]`. */
  button: number;
  /** The message's number as printed, `message m`; absent: the newest one with buttons. */
  message?: number;
}

export const PRESS_USAGE = 'Usage: press <button> [on <message>], e.g. "press 2" or "press 1 on 4".';

export function parsePress(args: readonly string[]): PressRequest | string {
  const m = /^\[?(\d+)\]?(?:\s+on\s+(?:message\s+)?(\d+))?$/i.exec(args.join(' ').trim());
  if (!m) return PRESS_USAGE;
  return { button: Number(m[1]), ...(m[2] ? { message: Number(m[2]) } : {}) };
}
