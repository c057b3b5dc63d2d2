/**
 * The Bolt app: Socket Mode when an app-level token is given (no public URL needed inside a
 * private network), otherwise HTTP on PORT with `/slack/events` for commands and buttons.
 */
import { App, HTTPReceiver, LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'pino';

export interface SlackAppOptions {
  botToken: string;
  signingSecret?: string | undefined;
  appToken?: string | undefined;
  apiUrl?: string | undefined;
  log: Logger;
}

export function createSlackApp(o: SlackAppOptions): App {
  const clientOptions = o.apiUrl ? { slackApiUrl: o.apiUrl.endsWith('/') ? o.apiUrl : `${o.apiUrl}/` } : {};
  const logger = boltLogger(o.log);
  if (o.appToken) {
    return new App({ token: o.botToken, appToken: o.appToken, socketMode: true, clientOptions, logger });
  }
  const receiver = new HTTPReceiver({ signingSecret: o.signingSecret ?? '', logger });
  refuseFutureTimestamps(receiver, o.log);
  return new App({ token: o.botToken, receiver, clientOptions, logger });
}

/** Slack's limit (reference B1): a request more than five minutes off is refused. */
const MAX_SKEW_SEC = 5 * 60;

/**
 * Bolt refuses requests older than five minutes but not ones dated more than five minutes ahead,
 * which would stretch the replay window by however far our clock lags. Refused here, before Bolt.
 */
function refuseFutureTimestamps(receiver: HTTPReceiver, log: Logger): void {
  const bolt = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    const ts = Number(req.headers['x-slack-request-timestamp']);
    if (Number.isFinite(ts) && ts - Date.now() / 1000 > MAX_SKEW_SEC) {
      log.warn({ skewSec: Math.round(ts - Date.now() / 1000) }, 'refused a Slack request dated in the future');
      res.writeHead(401).end();
      return;
    }
    bolt(req, res);
  };
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
