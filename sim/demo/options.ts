/** `npm run demo -- [options]`: the demo's own flags, parsed. */
import { isAbsolute, resolve } from 'node:path';
import { parseDuration } from '../../src/operations/duration.js';

export interface DemoOptions {
  /** How long a plan waits for approval (default: chatops.demo.yaml's `access.expiry`). */
  expiryMs?: number;
  /** The declarations repository the bot plans from and the farm is deployed from (default: examples/ci-jobs). */
  declarations?: string;
  /** Write the bot's log here and keep it; absent: a temporary file deleted on exit. */
  logFile?: string;
  help: boolean;
}

export const DEMO_USAGE = `usage: npm run demo -- [--expiry 2m] [--declarations DIR] [--log FILE]
  --expiry D          how long a plan waits for approval, e.g. 90s, 2m (default 30m)
  --declarations DIR  the job declarations to plan and deploy from, in the ci-jobs layout
                      (default: examples/ci-jobs of this checkout; the farm starts as they declare)
  --log FILE          write the bot's log to FILE and keep it (default: a temporary file, deleted on exit)
  --help              this text`;

/** Paths are relative to where the person typed the command (npm runs scripts from the package root). */
export function parseDemoArgs(argv: readonly string[], cwd = process.env.INIT_CWD ?? process.cwd()): DemoOptions | string {
  const out: DemoOptions = { help: false };
  const path = (v: string) => (isAbsolute(v) ? v : resolve(cwd, v));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      out.help = true;
      continue;
    }
    const [flag, inline] = arg.split(/=(.*)/s) as [string, string?];
    if (!['--expiry', '--declarations', '--log'].includes(flag)) return `unknown option ${arg}`;
    const v = inline ?? argv[++i];
    if (!v) return `${flag} needs a value`;
    if (flag === '--expiry') {
      const ms = parseDuration(v);
      if (ms === undefined || ms < 1000) return `--expiry needs a duration of at least 1s, e.g. 90s or 2m; got "${v}"`;
      out.expiryMs = ms;
    } else if (flag === '--declarations') out.declarations = path(v);
    else out.logFile = path(v);
  }
  return out;
}
