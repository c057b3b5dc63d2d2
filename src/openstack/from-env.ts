/**
 * The bot's OpenStack client, when OpenStack is configured the way `openstack` users do it
 * (OS_CLOUD, OS_AUTH_URL and friends, or a clouds.yaml in the usual places). Optional: without
 * any of these the bot runs without VM commands.
 */
import { homedir } from 'node:os';
import type { Logger } from 'pino';
import { describeError } from '../errors.js';
import type { Redactor } from '../redact.js';
import { searchPath } from './clouds-file.js';
import { existsSync } from 'node:fs';
import { createOpenStackClient, loadOpenStackConfig, type OpenStack } from './index.js';

export function openStackFromEnv(
  env: Record<string, string | undefined>,
  log: Pick<Logger, 'info' | 'error'>,
  redactor?: Redactor,
  cwd = process.cwd(),
): OpenStack | undefined {
  const places = { env, cwd, home: env.HOME ?? homedir() };
  const wanted = Boolean(env.OS_CLOUD || env.OS_AUTH_URL) || searchPath('clouds', places).some((f) => existsSync(f));
  if (!wanted) return undefined;
  try {
    const config = loadOpenStackConfig(places);
    log.info({ cloud: config.cloud, source: config.source, authType: config.authType }, 'OpenStack configured');
    return createOpenStackClient(config, redactor ? { redactor } : {});
  } catch (err) {
    log.error({ err: describeError(err) }, 'OpenStack is configured but unusable; VM commands are off');
    return undefined;
  }
}
