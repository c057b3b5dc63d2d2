/** The Redis connection factory of a configuration; a contradiction (REDIS_URL beside sentinels) stops the start. */
import type { Logger } from 'pino';
import { type Config, ConfigError } from '../config/load.js';
import { RedisConnections } from './connections.js';
import { RedisSettingsError, redisSettings } from './settings.js';

export function redisConnections(config: Config, log: Logger, now: () => number): RedisConnections {
  try {
    return new RedisConnections(redisSettings(config.file.redis, config.env), { log: log.child({ component: 'redis' }), now });
  } catch (err) {
    if (err instanceof RedisSettingsError) throw new ConfigError(`${config.path}: ${err.message}`);
    throw err;
  }
}
