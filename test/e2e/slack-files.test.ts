/**
 * Long plans and long answers go as files, and a file needs the bot in the channel (issue 13.5):
 * `chat:write.public` lets it post where it was never invited, not share files. The bot joins a
 * public channel when it needs to; where it cannot, it shows what fits and says why, and it never
 * claims an attachment that is not there.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { defaultChannels, renderMessageText } from '../../sim/slack/index.js';
import { eventually } from '../support/eventually.js';
import { CHANNEL, startStack, type Stack } from '../support/stack.js';
import { waitEphemeral } from './ask.js';
import { ALICE, people, scratchDeclarations, withDeclarations } from './decl-helpers.js';

const PRIVATE = 'G0SECRET';
let s: Stack;
afterEach(async () => s?.close());
const p = people(() => s);

/** Three declarations changed: `deploy ci` plans four instances, far more than a message holds. */
async function longPlanStack(): Promise<Stack> {
  const dir = scratchDeclarations({
    'ci/ci.nomad': (t) => t.replace('command = "bash"', 'command = "/bin/bash"').replace('perms       = "400"', 'perms       = "0400"'),
  });
  return startStack({ yaml: withDeclarations(dir), slack: { channels: [...defaultChannels, { id: PRIVATE, name: 'ci-secret', isPrivate: true }] } });
}

const planFiles = () => [...s.slack.store.files.values()].filter((f) => f.filename.startsWith('plan-op-') && f.completed);
const everyVersion = (ts: string) => {
  const m = s.slack.store.message(CHANNEL, ts)!;
  return [...m.versions, m].map((v) => renderMessageText({ text: v.text, blocks: v.blocks }));
};

describe('a plan too long for its message', () => {
  it('joins the public channel it was never invited to and attaches the full plan in the thread; says so only once it is there', async () => {
    s = await longPlanStack();
    expect(s.slack.store.botIsMember(CHANNEL)).toBe(false);
    await p.type(ALICE, 'deploy ci');
    const plan = await p.waitFor((t) => /… \d+ more lines: full plan attached \(plan-op-[a-z0-9-]+\.txt\)/.test(t), 'plan saying attached');
    expect(s.slack.store.botIsMember(CHANNEL)).toBe(true);
    expect(planFiles()).toHaveLength(1);
    expect(planFiles()[0]!.thread_ts).toBe(plan.ts);
    expect(planFiles()[0]!.content).toContain('+/- command: "bash" => "/bin/bash"');
    // The version posted before the upload did not claim it.
    expect(everyVersion(plan.ts)[0]).not.toContain('attached');
  });

  it('says the full plan could not be attached, and why, when the bot may not join', async () => {
    s = await longPlanStack();
    s.slack.controls.failNext('conversations.join', 'missing_scope');
    await p.type(ALICE, 'deploy ci');
    const plan = await p.waitFor((t) => t.includes('could not be attached'), 'plan saying not attached');
    const shown = p.text(plan);
    expect(shown).toMatch(
      /… \d+ more lines not shown: the full plan could not be attached here, because the bot is not in this channel and may not join it \(channels:join\)\. Invite it/,
    );
    expect(planFiles()).toHaveLength(0);
    expect(everyVersion(plan.ts).some((t) => t.includes('attached ('))).toBe(false);
  });
});

describe('a long answer', () => {
  it('in a private channel the bot is not in: the last lines inline and a sentence saying why, no file, no failure', async () => {
    s = await longPlanStack();
    const target = s.nomad.state.allocations('ci-mesosci-cs8').sort((a, b) => a.Name.localeCompare(b.Name, 'en', { numeric: true }))[1]!;
    const before = s.slack.store.ephemeralFor({ user: ALICE }).length;
    await s.driver.slashCommand({ userId: ALICE, channelId: PRIVATE, text: `logs ${target.ID.slice(0, 8)} --tail 500` });
    const answer = renderMessageText(await waitEphemeral(s, ALICE, before, /Last \d+ lines of the stderr/, 'logs'));
    const lines = Number(/Last (\d+) lines/.exec(answer)?.[1]);
    expect(lines).toBeGreaterThan(100);
    expect(answer).toContain(
      `Showing the last 100 of ${lines} lines: the full text could not be shared as a file here, because the bot is not in this channel`,
    );
    expect(answer).not.toContain('Could not answer');
    expect(answer).not.toContain('is attached');
    expect([...s.slack.store.files.values()].filter((f) => f.completed)).toHaveLength(0);
  });

  it('in a public channel: joins it and shares the file', async () => {
    s = await longPlanStack();
    const target = s.nomad.state.allocations('ci-mesosci-cs8').sort((a, b) => a.Name.localeCompare(b.Name, 'en', { numeric: true }))[1]!;
    const answer = await p.ask(
      ALICE,
      `logs ${target.ID.slice(0, 8)} --tail 500`,
      /the full text is attached as ci-mesosci-cs8\.ci-1-continuous-builder\.stderr\.txt/,
    );
    const lines = Number(/Last (\d+) lines/.exec(answer)?.[1]);
    const file = await eventually(() => [...s.slack.store.files.values()].find((f) => f.completed && f.channel === CHANNEL), 5_000, 'the log as a file');
    expect(file.content.split('\n')).toHaveLength(lines);
    expect(s.slack.store.botIsMember(CHANNEL)).toBe(true);
  });
});
