/**
 * Waiting for the bot to do something in the simulated Slack (end-to-end tests, demo scripts).
 */
import type { SlackSim } from './server.js';
import type { EphemeralMessage, PublishedView, StoredFile, StoredMessage } from './types.js';

export interface SlackSimEvents {
  message: StoredMessage;
  update: StoredMessage;
  ephemeral: EphemeralMessage;
  file: StoredFile;
  delete: { channel: string; ts: string; message: StoredMessage };
  view: PublishedView;
}

/**
 * Resolves with the next `event` whose object satisfies `match`; rejects after `timeoutMs`.
 * Only events emitted after the call count: subscribe before acting.
 */
export function waitForSlack<E extends keyof SlackSimEvents>(
  sim: SlackSim,
  event: E,
  match: (value: SlackSimEvents[E]) => boolean = () => true,
  timeoutMs = 5_000,
): Promise<SlackSimEvents[E]> {
  return new Promise((resolve, reject) => {
    const listener = (value: SlackSimEvents[E]) => {
      if (!match(value)) return;
      done();
      resolve(value);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`no Slack '${event}' matching within ${timeoutMs} ms`));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      sim.events.off(event, listener);
    };
    sim.events.on(event, listener);
  });
}
