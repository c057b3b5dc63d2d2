/** What a person does in these end-to-end tests: type a command, read the private answer, press a button. */
import { expect } from 'vitest';
import { buttonsOf, namesFromStore, renderMessageText, type EphemeralMessage, type StoredMessage } from '../../sim/slack/index.js';
import { eventually } from '../support/eventually.js';
import { CHANNEL, type Stack } from '../support/stack.js';

export const text = (s: Stack, m: StoredMessage | EphemeralMessage) => renderMessageText(m, namesFromStore(s.slack.store));

/** Types `/ci <line>` as `user` and waits for a new private answer matching `expected`. */
export async function ask(s: Stack, user: string, line: string, expected: string | RegExp): Promise<EphemeralMessage> {
  const before = s.slack.store.ephemeralFor({ user }).length;
  const res = await s.driver.slashCommand({ userId: user, channelId: CHANNEL, text: line });
  expect(res.status).toBe(200);
  return waitEphemeral(s, user, before, expected, line);
}

export function waitEphemeral(s: Stack, user: string, before: number, expected: string | RegExp, what: string): Promise<EphemeralMessage> {
  return eventually(
    () => {
      const news = s.slack.store.ephemeralFor({ user }).slice(before);
      return news.find((e) => {
        const t = text(s, e);
        return typeof expected === 'string' ? t.includes(expected) : expected.test(t);
      });
    },
    8_000,
    `answer to ${what} matching ${String(expected)}`,
  );
}

/** Presses the button whose label starts with `label` on a message `user` can see. */
export async function press(s: Stack, user: string, m: StoredMessage | EphemeralMessage, label: string): Promise<void> {
  const b = buttonsOf(m).find((x) => x.text.startsWith(label));
  expect(
    b,
    `button ${label} among ${buttonsOf(m)
      .map((x) => x.text)
      .join(' | ')}`,
  ).toBeDefined();
  const res = await s.driver.clickButton({ userId: user, channelId: CHANNEL, messageTs: m.ts, actionId: b!.actionId });
  expect(res.status).toBe(200);
}

/** Waits until the channel's last top-level message reads as `pred` wants. */
export function waitForMessage(s: Stack, pred: (t: string) => boolean, what: string, timeoutMs = 10_000): Promise<StoredMessage> {
  return eventually(
    () => {
      const all = s.messages();
      const m = all[all.length - 1];
      return m && pred(text(s, m)) ? m : undefined;
    },
    timeoutMs,
    what,
  );
}

/**
 * Adds a small job with many allocations, so that some of all the allocation IDs share a
 * two-character start (ambiguous-prefix cases), whatever IDs the scenario drew.
 */
export async function crowdAllocations(s: Stack, count = 40): Promise<void> {
  s.nomad.controls.registerJob({
    ID: 'crowd',
    Name: 'crowd',
    Type: 'service',
    Datacenters: ['cern-a', 'cern-b', 'cern-c'],
    TaskGroups: [
      {
        Name: 'crowd',
        Count: count,
        EphemeralDisk: { SizeMB: 10 },
        Tasks: [{ Name: 'sleep', Driver: 'docker', Config: { image: 'busybox' }, Resources: { CPU: 10, MemoryMB: 10 } }],
      },
    ],
  });
  await s.nomad.controls.settled();
}
