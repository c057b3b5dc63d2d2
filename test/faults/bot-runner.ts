/**
 * The bot as its own process, so the fault suite can kill -9 it: `node --import tsx bot-runner.ts`
 * with the whole configuration in CHATOPS_FAULT_BOT (JSON, see `RunnerConfig`). Logs go to stdout
 * as JSON lines; the line "ci-chatops started" carries the HTTP port.
 *
 * With CHATOPS_FAULT_POINT naming a moment of the apply (fault-points.ts), this process kills
 * itself on the spot with SIGKILL (no cleanup, no flush) as soon as the bot logs the line written
 * there, as a crash or an OOM kill would, so the fault suite can prove that a restart finishes every
 * operation exactly once. The hook lives here, in the harness: production code only logs.
 */
import { parseConfigText, parseEnv } from '../../src/config/load.js';
import { startBot } from '../../src/main.js';
import { isFaultLine, type FaultPoint } from './fault-points.js';

export interface RunnerConfig {
  /** chatops.yaml text, the Redis prefix and the test's timings (nomad.followTimeout, queue.lockPoll, queue.stepLock) included. */
  yaml: string;
  /** SLACK_*, REDIS_URL, PORT… as the bot reads them. */
  env: Record<string, string>;
  /** NOMAD_ADDR and NOMAD_TOKEN. */
  nomadEnv: Record<string, string>;
}

const raw = process.env.CHATOPS_FAULT_BOT;
if (!raw) throw new Error('CHATOPS_FAULT_BOT is not set');
const rc = JSON.parse(raw) as RunnerConfig;
const faultPoint = process.env.CHATOPS_FAULT_POINT as FaultPoint | undefined;
// Pino writes each line synchronously here, and stdout is a pipe (synchronous on Linux): the line
// reaches the test before the process dies, and nothing after the logged moment runs.
const killAtFaultPoint = {
  write(line: string) {
    process.stdout.write(line);
    if (faultPoint && isFaultLine(line, faultPoint)) process.kill(process.pid, 'SIGKILL');
  },
};
const bot = await startBot(
  { file: parseConfigText(rc.yaml, 'fault.yaml'), env: parseEnv(rc.env), path: 'fault.yaml' },
  { env: rc.nomadEnv, logging: { level: 'debug', destination: killAtFaultPoint } },
);
process.once('SIGTERM', () => void bot.stop().then(() => process.exit(0)));
