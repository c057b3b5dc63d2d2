/**
 * `ci-chatops check-config [FILE | --config FILE]`: validates chatops.yaml and the environment, then asks
 * each dependency one cheap question (Redis PING, Nomad leader and job list, Slack auth.test,
 * OpenStack token) and prints one line per check. Exit 0: all good; 1: something unreachable or
 * refused; 2: the configuration itself is invalid.
 */
import { parseConfigText, parseEnv, readConfigFile, ConfigError } from '../config/load.js';
import type { ConfigFile, BotEnv } from '../config/schema.js';
import { Redactor } from '../redact.js';
import { checkNomad, checkOpenStack, checkRedis, checkSlack, type CheckLine } from './dependency-checks.js';
import { redisSettings, RedisSettingsError, type RedisSettings } from '../redis/settings.js';

export type { CheckLine } from './dependency-checks.js';

export const checkConfigUsage =
  'check-config [FILE | --config FILE]   validate chatops.yaml and test Nomad, Redis, Slack and OpenStack (exit 0 ok, 1 unreachable, 2 invalid)';

export async function checkConfigCommand(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
  out: NodeJS.WritableStream = process.stdout,
): Promise<number> {
  // Every line is masked with the secrets this check learns (the Slack tokens, the Nomad and OpenStack credentials).
  const redactor = new Redactor();
  const print = (l: CheckLine) => out.write(redactor.redact(`${l.mark} ${l.name}: ${l.detail}\n`));
  const path = configPath(argv, env);
  if (path instanceof Error) {
    process.stderr.write(`ci-chatops check-config: ${path.message}\nusage: ci-chatops ${checkConfigUsage}\n`);
    return 2;
  }
  let file: ConfigFile;
  let botEnv: BotEnv;
  try {
    file = parseConfigText(await readConfigFile(path), path);
    print({ mark: '✔', name: 'config', detail: `${path} is valid` });
    botEnv = parseEnv(env);
    print({ mark: '✔', name: 'environment', detail: `Slack ${botEnv.SLACK_APP_TOKEN ? 'Socket Mode (SLACK_APP_TOKEN)' : `HTTP mode on port ${botEnv.PORT}`}` });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    const [where, ...rest] = err.message.split(': ');
    print({ mark: '✘', name: where === 'environment' ? 'environment' : 'config', detail: where === 'environment' ? rest.join(': ') : err.message });
    return 2;
  }
  for (const secret of [
    botEnv.SLACK_BOT_TOKEN,
    botEnv.SLACK_APP_TOKEN,
    botEnv.SLACK_SIGNING_SECRET,
    botEnv.METRICS_TOKEN,
    botEnv.REDIS_PASSWORD,
    botEnv.REDIS_SENTINEL_PASSWORD,
  ])
    redactor.add(secret);
  let redis: RedisSettings;
  try {
    redis = redisSettings(file.redis, botEnv);
  } catch (err) {
    if (!(err instanceof RedisSettingsError)) throw err;
    print({ mark: '✘', name: 'config', detail: `${path}: ${err.message}` });
    return 2;
  }
  for (const p of file.redaction.patterns) redactor.addPattern(p);

  // Loaded before the checks' 3 s deadlines start: on a busy machine loading Slack's library alone can take that long.
  await import('@slack/bolt');
  const lines = await Promise.all([checkRedis(redis), checkNomad(env, file, redactor), checkSlack(botEnv), checkOpenStack(env, redactor)]);
  lines.forEach(print);
  return lines.some((l) => l.mark === '✘') ? 1 : 0;
}

/** The file: `check-config FILE`, `--config FILE`, `--config=FILE`, else CHATOPS_CONFIG, else ./chatops.yaml. */
function configPath(argv: string[], env: Record<string, string | undefined>): string | Error {
  let path: string | undefined;
  const set = (v: string | undefined, how: string) => {
    if (!v) return new Error(`${how} needs a file`);
    if (path !== undefined) return new Error(`one configuration file at a time (got ${path} and ${v})`);
    path = v;
    return undefined;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const problem =
      arg === '--config' || arg === '-c'
        ? set(argv[++i], arg)
        : arg.startsWith('--config=')
          ? set(arg.slice('--config='.length), '--config')
          : arg.startsWith('-')
            ? new Error(`unknown option ${arg}`)
            : set(arg, 'FILE');
    if (problem) return problem;
  }
  return path ?? (env.CHATOPS_CONFIG || './chatops.yaml');
}
