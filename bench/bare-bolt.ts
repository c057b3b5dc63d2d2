/** The reference: a Bolt app that only acks, on the same machine, verifying the same signatures. */
import { BOT_TOKEN } from '../test/support/stack.js';
import { App, LogLevel } from '@slack/bolt';

export async function startBareBolt(signingSecret: string, apiUrl: string): Promise<{ url: string; stop(): Promise<void> }> {
  const app = new App({ token: BOT_TOKEN, signingSecret, clientOptions: { slackApiUrl: apiUrl }, logLevel: LogLevel.ERROR, tokenVerificationEnabled: false });
  app.command('/ci', async ({ ack }) => ack());
  app.action(/.*/, async ({ ack }) => ack());
  const server = (await app.start(0)) as unknown as { address(): { port: number } };
  return { url: `http://127.0.0.1:${server.address().port}/slack/events`, stop: async () => void (await app.stop()) };
}
