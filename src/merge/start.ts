/**
 * Plan on merge, wired: every move of the followed branch (the fetch timer, the push webhook, a
 * plan's own fetch) plans the instances it changed. The webhook runs only with its port and secret.
 */
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { GitDeclarations } from '../declarations/git/source.js';
import { startWebhookServer, type WebhookServer } from '../declarations/git/webhook.js';
import { PlanOnMerge, type PlanOnMergeDeps } from './plan-on-merge.js';

export interface PlanOnMergeSettings {
  channel: string;
  webhookPort?: number | undefined;
}

export async function startPlanOnMerge(
  git: GitDeclarations,
  settings: PlanOnMergeSettings,
  d: Pick<PlanOnMergeDeps, 'botUserId' | 'now'> & {
    /** Queues the deploy operations (their plans are posted with Approve / Reject). */
    operations: Pick<PlanOnMergeDeps, 'request'>;
    redis: Redis;
    prefix: string;
    log: Logger;
    webhookSecret: string | undefined;
  },
): Promise<WebhookServer | undefined> {
  const merge = new PlanOnMerge({
    declarations: git,
    redis: d.redis,
    prefix: d.prefix,
    request: (envelope) => d.operations.request(envelope),
    botUserId: d.botUserId,
    channel: settings.channel,
    now: d.now,
    log: d.log.child({ component: 'plan-on-merge' }),
  });
  git.onHeadMoved(async (moved) => void (await merge.headMoved(moved)));
  if (settings.webhookPort === undefined || !d.webhookSecret) return undefined;
  return startWebhookServer({
    port: settings.webhookPort,
    secrets: [d.webhookSecret],
    branch: git.branch,
    onPush: () => void git.fetch(),
    log: d.log.child({ component: 'git-webhook' }),
  });
}
