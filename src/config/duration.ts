import { z } from 'zod';
import { parseDuration } from '../operations/duration.js';

export { parseDuration };

/** A duration in config: `30m`, `1h`, `90s`; becomes milliseconds. */
export const Duration = z.string().transform((s, ctx) => {
  const ms = parseDuration(s);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${s}" is not a duration (use e.g. 90s, 30m, 1h)` });
    return z.NEVER;
  }
  return ms;
});
