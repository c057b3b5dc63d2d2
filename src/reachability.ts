/**
 * At start-up, one clear log line per dependency that does not answer — which one, at which
 * address, why, and what to check — instead of only the transport's `fetch failed` repeated by
 * every retry loop. Rechecked until it answers, which is said once too. The checks are
 * `ci-chatops check-config`'s (src/cli/dependency-checks.ts).
 */
import { checkNomad, checkRedis, checkSlack, type CheckLine } from './cli/dependency-checks.js';
import { systemClock, type Clock, type Timer } from './clock.js';
import type { Config } from './config/load.js';
import { describeError } from './errors.js';
import type { Logger } from './log.js';
import { redisSettings } from './redis/settings.js';

export interface Dependency {
  /** As people name it: "Nomad", "Slack", "Redis". */
  name: string;
  /** What to look at when it does not answer. */
  hint: string;
  check(): Promise<CheckLine>;
}

export function botDependencies(config: Config, env: Record<string, string | undefined>): Dependency[] {
  return [
    { name: 'Nomad', hint: 'check NOMAD_ADDR (or nomad.address), NOMAD_TOKEN and the TLS variables', check: () => checkNomad(env, config.file) },
    {
      name: 'Redis',
      hint: config.file.redis.sentinels ? 'check redis.sentinels, redis.name and the REDIS_* variables' : 'check REDIS_URL (or redis.url)',
      check: async () => {
        try {
          return await checkRedis(redisSettings(config.file.redis, config.env));
        } catch (err) {
          return { mark: '✘', name: 'redis', detail: describeError(err) };
        }
      },
    },
    { name: 'Slack', hint: 'check the network path to Slack (a proxy?) and SLACK_BOT_TOKEN', check: () => checkSlack(config.env) },
  ];
}

/** Checks each dependency now and, while it does not answer, every `retryMs`; `stop` ends the rechecks. */
export function reportReachability(
  deps: readonly Dependency[],
  log: Logger,
  o: { clock?: Clock; retryMs?: number } = {},
): { stop(): void; settled: Promise<void> } {
  const clock = o.clock ?? systemClock;
  const timers = new Set<Timer>();
  let stopped = false;
  const watch = (dep: Dependency, failedBefore: boolean): Promise<void> =>
    dep.check().then((line) => {
      if (stopped) return;
      if (line.mark !== '✘') {
        if (failedBefore) log.info({ dependency: dep.name }, `${dep.name} answers again: ${line.detail}`);
        return;
      }
      // "Cannot use": the check fails the same way whether the address is wrong or the credentials are refused.
      if (!failedBefore) log.error({ dependency: dep.name }, `Cannot use ${dep.name}: ${line.detail}. The bot keeps retrying; ${dep.hint}.`);
      return new Promise<void>((done) => {
        const timer = clock.after(o.retryMs ?? 30_000, () => {
          timers.delete(timer);
          void watch(dep, true).then(done);
        });
        timers.add(timer);
      });
    });
  const settled = Promise.all(deps.map((d) => watch(d, false))).then(() => undefined);
  return {
    settled,
    stop() {
      stopped = true;
      for (const t of timers) t.cancel();
    },
  };
}
