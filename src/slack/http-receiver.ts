/**
 * HTTP mode's receiver: Bolt's HTTPReceiver behind our own server, through Bolt's supported seams
 * (a custom `Receiver` given as `receiver`, and HTTPReceiver's public `requestListener`, which
 * exists to be mounted on a server one owns). Nothing of Bolt is patched.
 *
 * Why: Bolt refuses requests dated more than five minutes ago but not ones dated more than five
 * minutes ahead, which would stretch the replay window by however far our clock lags. Slack's rule
 * (docs.slack.dev/authentication/verifying-requests-from-slack) is five minutes either way: a
 * request dated further ahead is refused here, before Bolt reads it.
 */
import { createServer, type Server } from 'node:http';
import type { HTTPReceiver, App, Receiver } from '@slack/bolt';
import type { Logger } from 'pino';

/** Slack's limit: a request more than five minutes off is refused. */
export const MAX_SKEW_SEC = 5 * 60;

export interface FreshHttpReceiverOptions {
  receiver: HTTPReceiver;
  log: Logger;
  now?: () => number;
}

export class FreshHttpReceiver implements Receiver {
  private server: Server | undefined;

  constructor(private readonly o: FreshHttpReceiverOptions) {}

  init(app: App): void {
    this.o.receiver.init(app);
  }

  async start(port: number): Promise<Server> {
    const now = this.o.now ?? Date.now;
    const server = createServer((req, res) => {
      const ts = Number(req.headers['x-slack-request-timestamp']);
      const aheadSec = ts - now() / 1000;
      if (Number.isFinite(ts) && aheadSec > MAX_SKEW_SEC) {
        this.o.log.warn({ skewSec: Math.round(aheadSec) }, 'refused a Slack request dated in the future');
        res.writeHead(401).end();
        return;
      }
      this.o.receiver.requestListener(req, res);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, () => resolve());
    });
    this.server = server;
    return server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}
