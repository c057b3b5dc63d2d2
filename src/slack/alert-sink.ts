/**
 * The monitors' AlertSink port over Slack's Web API: it renders an alert group's message
 * (render-alert.ts), posts it and edits it. A 429 becomes SinkRateLimitedError so the poster waits
 * Retry-After itself (give the WebClient `rejectRateLimitedCalls: true`; without it the WebClient
 * waits and retries inside the call, which also loses nothing). chat.update needs the channel ID,
 * so `post` returns the ID chat.postMessage answered with.
 */
import { type types, webApi } from '@slack/bolt';
import { SinkRateLimitedError, type AlertMessage, type AlertSink } from '../monitors/index.js';
import type { Redactor } from '../redact.js';
import { renderAlertGroup, renderAlertReminder } from './render-alert.js';

/**
 * The sink with its own Web API client, one that gives 429s back to the alert poster (it
 * re-queues them) instead of the bot's, which sleeps inside the call.
 */
export function slackAlertSinkFor(o: { botToken: string; apiUrl?: string | undefined; redactor: Redactor; onRateLimited(): void }): AlertSink {
  const client = new webApi.WebClient(o.botToken, {
    ...(o.apiUrl ? { slackApiUrl: o.apiUrl } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 2 },
  });
  client.on(webApi.WebClientEvent.RATE_LIMITED, () => o.onRateLimited());
  return slackAlertSink(client, o.redactor);
}

export function slackAlertSink(client: webApi.WebClient, redactor: Redactor): AlertSink {
  const redactDeep = <T>(v: T) => redactor.redactDeep(v);
  const blocksOf = (m: AlertMessage) => redactDeep(m.blocks) as unknown as types.KnownBlock[];
  return {
    render: (group) => renderAlertGroup(group),
    renderReminder: (group, now) => renderAlertReminder(group, now),
    async post(channel, message, opts) {
      const res = await rateLimited(() =>
        client.chat.postMessage({
          channel,
          text: redactDeep(message.text),
          blocks: blocksOf(message),
          unfurl_links: false,
          ...(opts?.threadTs ? { thread_ts: opts.threadTs } : {}),
        }),
      );
      if (!res.ts) throw new Error('Slack did not return a message timestamp');
      return { ts: res.ts, channel: res.channel ?? channel };
    },
    async update(channel, ts, message) {
      await rateLimited(() => client.chat.update({ channel, ts, text: redactDeep(message.text), blocks: blocksOf(message) }));
    },
  };
}

async function rateLimited<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    const e = err as { code?: string; retryAfter?: number };
    if (e.code === 'slack_webapi_rate_limited_error') throw new SinkRateLimitedError((e.retryAfter ?? 1) * 1000);
    throw err;
  }
}
