/**
 * Slash-command text arrives escaped, as Slack sends it (issue 13.4): `&<>` as entities and, with the
 * manifest's `should_escape`, auto-linked host names, users and channels as `<…|…>` references.
 * The bot reads what the person typed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack.js';
import { ask, text } from './ask.js';

const DAVE = 'U0DAVE';

describe('slash-command text as Slack sends it', () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack();
  });
  afterAll(async () => s?.close());

  it('reads a host name Slack turned into a link as the name typed', async () => {
    await ask(s, DAVE, 'node alibuild05.cern.ch', 'alibuild05 · ready · eligible');
    await ask(s, DAVE, 'nodes https://alibuild05.cern.ch', /`https:\/\/alibuild05\.cern\.ch` is not a node name/);
  });

  it('reads a user mention as that user', async () => {
    await ask(s, DAVE, 'history @bob', 'No recorded actions by @bob.');
  });

  it('gives back &, < and > as typed, and echoes them safely', async () => {
    const answer = text(s, await ask(s, DAVE, 'history a&b', 'is not a job, node or user'));
    expect(answer).toContain('`a&b` is not a job, node or user');
    const angled = text(s, await ask(s, DAVE, 'node <alibuild05>', 'is not a node name'));
    expect(angled).toContain('`<alibuild05>` is not a node name');
  });
});
