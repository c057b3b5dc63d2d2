/** Helpers of the declaration end-to-end tests: a person typing, clicking, reading; a scratch copy of examples/ci-jobs. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { buttonsOf, namesFromStore, renderMessageText, type EphemeralMessage, type StoredMessage } from '../../sim/slack/index.js';
import { eventually } from '../support/eventually.js';
import { ACCESS_YAML, CHANNEL, type Stack } from '../support/stack.js';

export const ALICE = 'U0ALICE';
export const BOB = 'U0BOB';

export function people(s: () => Stack) {
  const text = (m: StoredMessage | EphemeralMessage) => renderMessageText(m, namesFromStore(s().slack.store));
  return {
    text,
    async type(user: string, line: string) {
      const res = await s().driver.slashCommand({ userId: user, channelId: CHANNEL, text: line });
      expect(res.status).toBe(200);
    },
    /** The first private answer to `user` after now that matches. */
    async ask(user: string, line: string, expected: string | RegExp): Promise<string> {
      const before = s().slack.store.ephemeralFor({ user }).length;
      const res = await s().driver.slashCommand({ userId: user, channelId: CHANNEL, text: line });
      expect(res.status).toBe(200);
      return eventually(
        () =>
          s()
            .slack.store.ephemeralFor({ user })
            .slice(before)
            .map(text)
            .find((t) => (typeof expected === 'string' ? t.includes(expected) : expected.test(t))),
        // Generous: a first command after start fetches, renders and plans on a busy 2-core machine.
        30_000,
        `answer to ${line}`,
      );
    },
    waitFor(pred: (t: string) => boolean, what: string, index = -1): Promise<StoredMessage> {
      return eventually(
        () => {
          const all = s().messages();
          const m = index < 0 ? all[all.length + index] : all[index];
          return m && pred(text(m)) ? m : undefined;
        },
        30_000,
        what,
      );
    },
    async press(user: string, m: StoredMessage, label: string) {
      const b = buttonsOf(m).find((x) => x.text.startsWith(label));
      expect(b, `button ${label}`).toBeDefined();
      const res = await s().driver.clickButton({ userId: user, channelId: CHANNEL, messageTs: m.ts, actionId: b!.actionId });
      expect(res.status).toBe(200);
    },
  };
}

/** A scratch copy of examples/ci-jobs, edited by `edits` (path → new text or a function of the old). */
export function scratchDeclarations(edits: Record<string, string | ((old: string) => string)> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'ci-jobs-'));
  cpSync('examples/ci-jobs', dir, { recursive: true });
  for (const [path, edit] of Object.entries(edits)) {
    const file = join(dir, path);
    writeFileSync(file, typeof edit === 'string' ? edit : edit(readFileSync(file, 'utf8')));
  }
  return dir;
}

export const withDeclarations = (dir: string) => `${ACCESS_YAML}\ndeclarations:\n  dir: ${dir}\n`;
