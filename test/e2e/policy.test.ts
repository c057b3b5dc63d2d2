/** Access policy end to end: change freezes, break-glass, N-of-M approvals, unknown users. */
import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf, namesFromStore, renderMessageText, type StoredMessage } from '../../sim/slack/index.js';
import { eventually } from '../support/eventually.js';
import { CHANNEL, startStack, type Stack } from '../support/stack.js';

let s: Stack;
afterEach(async () => s?.close());

const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

function yaml(extra: string, approvals = 1): string {
  return `
access:
  groups:
    ci-admins: [U0BOB, U0CAROL]
    operators: [U0ALICE, U0BOB, U0CAROL]
  classes:
    nomad-mutate:
      request: ["@operators"]
      approve: ["@ci-admins"]
      approvals: ${approvals}
${extra}
`;
}

const read = (m: Parameters<typeof renderMessageText>[0]) => renderMessageText(m, namesFromStore(s.slack.store));
const ephemeral = (user: string, fragment: string) =>
  eventually(
    () =>
      s.slack.store
        .ephemeralFor({ user })
        .map(read)
        .find((t) => t.includes(fragment)),
    8_000,
    fragment,
  );
const message = (fragment: string, channel = CHANNEL): Promise<StoredMessage> =>
  eventually(() => s.slack.store.topLevel(channel).find((m) => read(m).includes(fragment)), 8_000, fragment);

async function click(user: string, m: StoredMessage, label: string) {
  const b = buttonsOf(m).find((x) => x.text.startsWith(label))!;
  expect((await s.driver.clickButton({ userId: user, channelId: CHANNEL, messageTs: m.ts, actionId: b.actionId })).status).toBe(200);
}

describe('change freeze and break-glass', () => {
  const freeze = `  freeze:
    windows:
      - { name: release-week, start: "${hourAgo()}", end: "${inAnHour()}" }
  breakGlass:
    allowed: [U0ALICE]
    announceChannel: C0ALERTS`;

  it('refuses changes during a freeze, explaining until when and how to break glass; reads still work', async () => {
    s = await startStack({ yaml: yaml(freeze) });
    await s.driver.slashCommand({ userId: 'U0ALICE', channelId: CHANNEL, text: 'scale mesosci-cs8 10' });
    const refusal = await ephemeral('U0ALICE', 'Change freeze "release-week" until');
    expect(refusal).toContain('--break-glass "<reason>"');
    await s.driver.slashCommand({ userId: 'U0ALICE', channelId: CHANNEL, text: 'status' });
    await ephemeral('U0ALICE', '7 jobs:');
    expect(s.messages()).toHaveLength(0);
  });

  it('lets an allowed person break glass with a reason: announced loudly, self-approvable, applied', async () => {
    s = await startStack({ yaml: yaml(freeze) });
    await s.driver.slashCommand({ userId: 'U0ALICE', channelId: CHANNEL, text: 'scale mesosci-cs8 10 --break-glass "builders stuck, release blocked"' });
    const alert = await message('🚨 Break-glass by @alice: scale ci-mesosci-cs8 to 10', 'C0ALERTS');
    expect(read(alert)).toContain('Reason: “builders stuck, release blocked”');
    await message('🚨 Break-glass by @alice');
    const plan = await message('Plan: scale ci-mesosci-cs8  8 → 10');
    expect(read(plan)).toContain('break-glass: the requester may approve it alone');
    await click('U0ALICE', plan, 'Approve');
    await message('Applied: ci-mesosci-cs8 scaled 8 → 10');
  });

  it('refuses break-glass without a real reason, by someone not allowed, and on read-only commands', async () => {
    s = await startStack({ yaml: yaml(freeze) });
    await s.driver.slashCommand({ userId: 'U0ALICE', channelId: CHANNEL, text: 'scale mesosci-cs8 10 --break-glass' });
    await ephemeral('U0ALICE', '`--break-glass` needs a reason in quotes');
    await s.driver.slashCommand({ userId: 'U0ALICE', channelId: CHANNEL, text: 'scale mesosci-cs8 10 --break-glass "now"' });
    await ephemeral('U0ALICE', 'needs a reason of at least 10 characters');
    await s.driver.slashCommand({ userId: 'U0BOB', channelId: CHANNEL, text: 'scale mesosci-cs8 10 --break-glass "I really want to"' });
    await ephemeral('U0BOB', 'You may not use --break-glass');
    await s.driver.slashCommand({ userId: 'U0ALICE', channelId: CHANNEL, text: 'status --break-glass "just looking around"' });
    await ephemeral('U0ALICE', 'read-only commands never need it');
    expect(s.messages()).toHaveLength(0);
    expect(s.slack.store.topLevel('C0ALERTS')).toHaveLength(0);
  });
});

describe('N-of-M approvals', () => {
  it('needs two distinct approvers; the same person twice does not count', async () => {
    s = await startStack({ yaml: yaml('', 2) });
    await s.driver.slashCommand({ userId: 'U0ALICE', channelId: CHANNEL, text: 'scale mesosci-cs8 10' });
    const plan = await message('needs 2 approvals from @ci-admins');
    await click('U0BOB', plan, 'Approve');
    await message('1 of 2 approvals');
    await click('U0BOB', plan, 'Approve');
    await ephemeral('U0BOB', 'You already approved this.');
    expect(s.nomad.state.requestCount('POST /v1/job/ci-mesosci-cs8/scale')).toBe(0);
    await click('U0CAROL', plan, 'Approve');
    const done = await message('Applied: ci-mesosci-cs8 scaled 8 → 10');
    expect(read(done)).toContain('approved by @bob, @carol');
  });
});
