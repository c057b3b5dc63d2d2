/**
 * The Bolt app: Socket Mode when an app-level token is given (no public URL needed inside a
 * private network), otherwise HTTP on PORT with `/slack/events` for commands and buttons.
 */
import { App, HTTPReceiver, LogLevel, webApi, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'pino';
import { FreshHttpReceiver } from './http-receiver.js';

export interface SlackAppOptions {
  botToken: string;
  signingSecret?: string | undefined;
  appToken?: string | undefined;
  apiUrl?: string | undefined;
  log: Logger;
  /** Clock for the request-date check (default Date.now). */
  now?: () => number;
  /** Called on each 429 Slack answers the bot's client (it waits and retries inside the call). */
  onRateLimited?: () => void;
}

export function createSlackApp(o: SlackAppOptions): App {
  const app = boltApp(o);
  const onRateLimited = o.onRateLimited;
  if (onRateLimited) app.client.on(webApi.WebClientEvent.RATE_LIMITED, () => onRateLimited());
  return app;
}

function boltApp(o: SlackAppOptions): App {
  const clientOptions = o.apiUrl ? { slackApiUrl: o.apiUrl.endsWith('/') ? o.apiUrl : `${o.apiUrl}/` } : {};
  const logger = boltLogger(o.log);
  if (o.appToken) {
    return new App({ token: o.botToken, appToken: o.appToken, socketMode: true, clientOptions, logger });
  }
  const http = new HTTPReceiver({ signingSecret: o.signingSecret ?? '', logger });
  const receiver = new FreshHttpReceiver({ receiver: http, log: o.log, ...(o.now ? { now: o.now } : {}) });
  return new App({ token: o.botToken, receiver, clientOptions, logger });
}

/** The bot's own Slack user id (asked once, on first need): plan on merge requests in its name. */
export function botUserId(app: App): () => Promise<string> {
  let asked: Promise<string> | undefined;
  return () =>
    (asked ??= app.client.auth.test().then(
      (r) => String(r.user_id),
      (err: unknown) => {
        asked = undefined; // asked again next time
        throw err;
      },
    ));
}

/** The port Bolt's HTTP receiver listens on (Socket Mode: none, the configured one is reported). */
export function listeningPort(server: unknown, configured: number): number {
  const address = server && typeof server === 'object' && 'address' in server ? (server as { address(): unknown }).address() : undefined;
  return address && typeof address === 'object' && 'port' in address ? Number((address as { port: number }).port) : configured;
}

/** Bolt's logger interface on top of pino, so its lines are JSON like ours. */
function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: 'bolt' });
  let level = LogLevel.INFO;
  return {
    debug: (...m: unknown[]) => child.debug(m.map(String).join(' ')),
    info: (...m: unknown[]) => child.info(m.map(String).join(' ')),
    warn: (...m: unknown[]) => child.warn(m.map(String).join(' ')),
    error: (...m: unknown[]) => child.error(m.map(String).join(' ')),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
