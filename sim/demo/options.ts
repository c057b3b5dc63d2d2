/** `npm run demo -- [options]`: the demo's own flags, parsed. */
import { isAbsolute, resolve } from 'node:path';

export interface DemoOptions {
  /** Write the bot's log here and keep it; absent: a temporary file deleted on exit. */
  logFile?: string;
  help: boolean;
}

export const DEMO_USAGE = `usage: npm run demo -- [--log FILE]
  --log FILE   write the bot's log to FILE and keep it (default: a temporary file, deleted on exit)
  --help       this text`;

/** Paths are relative to where the person typed the command (npm runs scripts from the package root). */
export function parseDemoArgs(argv: readonly string[], cwd = process.env.INIT_CWD ?? process.cwd()): DemoOptions | string {
  const out: DemoOptions = { help: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s) as [string, string?];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--help':
      case '-h':
        out.help = true;
        break;
      case '--log': {
        const v = value();
        if (!v) return '--log needs a file';
        out.logFile = isAbsolute(v) ? v : resolve(cwd, v);
        break;
      }
      default:
        return `unknown option ${argv[i]}`;
    }
  }
  return out;
}
