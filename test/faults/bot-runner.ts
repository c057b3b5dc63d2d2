/**
 * The bot as its own process, so the fault suite can kill -9 it: `node --import tsx bot-runner.ts`
 * with the whole configuration in CHATOPS_FAULT_BOT (JSON, see `RunnerConfig`). Logs go to stdout
 * as JSON lines; the line "ci-chatops started" carries the HTTP port.
 *
 * With CHATOPS_FAULT_POINT naming a checkpoint of the apply, the observer plugged into the bot's
 * operations kills this process on the spot with SIGKILL (no cleanup, no flush), as a crash or an
 * OOM kill would, so the fault suite can prove that a restart finishes every operation exactly once.
 * The hook lives here, in the harness: production code only tells an observer where it is.
 */
import { parseConfigText, parseEnv } from '../../src/config/load.js';
import { createLogger } from '../../src/log.js';
import { startBot } from '../../src/main.js';
import type { OperationsObserver } from '../../src/queue/operations.js';

export interface RunnerConfig {
  /** chatops.yaml text, the Redis prefix included. */
  yaml: string;
  /** SLACK_*, REDIS_URL, PORT… as the bot reads them. */
  env: Record<string, string>;
  /** NOMAD_ADDR and NOMAD_TOKEN. */
  nomadEnv: Record<string, string>;
  followTimeoutMs: number;
  lockPollMs: number;
  stepLockMs: number;
}

const raw = process.env.CHATOPS_FAULT_BOT;
if (!raw) throw new Error('CHATOPS_FAULT_BOT is not set');
const rc = JSON.parse(raw) as RunnerConfig;
const faultPoint = process.env.CHATOPS_FAULT_POINT;
const killAtFaultPoint: OperationsObserver = {
  reached(checkpoint) {
    if (checkpoint === faultPoint) process.kill(process.pid, 'SIGKILL');
  },
};
const bot = await startBot(
  { file: parseConfigText(rc.yaml, 'fault.yaml'), env: parseEnv(rc.env), path: 'fault.yaml' },
  { env: rc.nomadEnv, log: createLogger({ level: 'debug' }), followTimeoutMs: rc.followTimeoutMs, lockPollMs: rc.lockPollMs, stepLockMs: rc.stepLockMs, operationsObserver: killAtFaultPoint },
);
process.once('SIGTERM', () => void bot.stop().then(() => process.exit(0)));
