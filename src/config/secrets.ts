/** The secrets a configuration names: what this bot masks everywhere, and the ones that must go together. */
import { Redactor } from '../redact.js';
import { type Config, ConfigError } from './load.js';

/** This bot's secrets: its Slack, metrics, git, Redis and SSH secrets and the configured patterns; its adapters add theirs. */
export function botRedactor(config: Config): Redactor {
  const redactor = new Redactor();
  const e = config.env;
  const secrets = [e.SLACK_BOT_TOKEN, e.SLACK_SIGNING_SECRET, e.SLACK_APP_TOKEN, e.METRICS_TOKEN, e.CHATOPS_GIT_WEBHOOK_SECRET, e.CHATOPS_GIT_TOKEN];
  for (const secret of [...secrets, e.REDIS_PASSWORD, e.REDIS_SENTINEL_PASSWORD, e.CHATOPS_SSH_PRIVATE_KEY]) redactor.add(secret);
  for (const p of config.file.redaction.patterns) redactor.addPattern(p);
  return redactor;
}

/** The push webhook's secret, required when the webhook runs (checked before anything starts). */
export function gitWebhookSecret(config: Config): string | undefined {
  const port = config.file.declarations.git?.planOnMerge?.webhookPort;
  if (port !== undefined && !config.env.CHATOPS_GIT_WEBHOOK_SECRET)
    throw new ConfigError(
      'environment: CHATOPS_GIT_WEBHOOK_SECRET is required with declarations.git.planOnMerge.webhookPort (the webhook believes only signed pushes)',
    );
  return config.env.CHATOPS_GIT_WEBHOOK_SECRET;
}
