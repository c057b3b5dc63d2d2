/** `/ci logs` end to end: never a random allocation, prefixes, tails, redaction before Slack. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonsOf } from '../../sim/slack/index.js';
import { ACCESS_YAML, startStack, type Stack } from '../support/stack.js';
import { ask, crowdAllocations, press, text, waitEphemeral } from './ask.js';

const ALICE = 'U0ALICE';
const DAVE = 'U0DAVE';
const TASK = 'continuous-builder';
const AWS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const VAULT_TOKEN = 'hvs.CAESIJlWh3c2K5ZyQm9mZXhhbXBsZS10b2tlbg';

let s: Stack;
beforeAll(async () => {
  s = await startStack({ yaml: `${ACCESS_YAML}\nredaction:\n  patterns: ["AKIA[0-9A-Z]{16}"]\n` });
});
afterAll(async () => s?.close());

const allocsOf = (job: string) => s.nomad.state.allocations(job).sort((a, b) => a.Name.localeCompare(b.Name, 'en', { numeric: true }));
/** Everything the bot ever sent to Slack, as one string. */
const everythingInSlack = () =>
  JSON.stringify([
    [...s.slack.store.messagesByChannel.values()],
    s.slack.store.ephemeral,
    [...s.slack.store.files.values()].map((f) => [f.content, f.initial_comment]),
  ]);

describe('/ci logs', () => {
  it('lists the allocations of a job with several, with a button each, instead of picking one', async () => {
    const answer = await ask(s, DAVE, 'logs mesosci-cs8', 'ci-mesosci-cs8 has 8 allocations (8 running): whose stderr?');
    const shown = text(s, answer);
    expect(shown).toMatch(/#\s+ALLOC\s+NAME\s+NODE\s+STATUS/);
    expect(shown).toMatch(/1\s+[0-9a-f]{8}\s+ci-mesosci-cs8\.ci\[0\]\s+alibuild\d\d\s+running/);
    const buttons = buttonsOf(answer);
    expect(buttons).toHaveLength(8);
    const first = allocsOf('ci-mesosci-cs8')[0]!;
    expect(buttons[0]!.value).toBe(`logs ci-mesosci-cs8 --alloc ${first.ID} --stderr`);
    expect(buttons[0]!.text).toBe(`#1 ${first.ID.slice(0, 8)} ${first.NodeName}`);
  });

  it('shows the chosen allocation when its button is pressed, and masks secrets in the log', async () => {
    const target = allocsOf('ci-mesosci-cs8')[1]!;
    const lines = Array.from({ length: 100 }, (_, i) => `+ step ${i}`);
    lines.push(`+ export AWS_ACCESS_KEY_ID=${AWS_KEY}`, `+ vault login ${VAULT_TOKEN}`, '+ build done');
    s.nomad.controls.setTaskLog(target.ID, TASK, 'stderr', `${lines.join('\n')}\n`);
    const list = await ask(s, DAVE, 'logs mesosci-cs8', 'whose stderr?');
    const before = s.slack.store.ephemeralFor({ user: DAVE }).length;
    await press(s, DAVE, list, '#2 ');
    const logs = await waitEphemeral(s, DAVE, before, 'Last 30 lines of the stderr of continuous-builder in ci-mesosci-cs8.ci[1]', 'pressed #2');
    const shown = text(s, logs);
    expect(shown).toContain(`alloc ${target.ID.slice(0, 8)} on ${target.NodeName}, running`);
    expect(shown).toContain('+ build done');
    expect(shown).toContain('+ step 73');
    expect(shown).not.toContain('+ step 72');
    expect(shown).toContain('AWS_ACCESS_KEY_ID=[redacted]');
    expect(shown).toContain('vault login [redacted]');
    expect(everythingInSlack()).not.toContain(AWS_KEY);
    expect(everythingInSlack()).not.toContain(VAULT_TOKEN);
  });

  it('sends a long tail as a file, still without the secrets', async () => {
    const target = allocsOf('ci-mesosci-cs8')[1]!;
    const before = s.slack.store.files.size;
    await ask(s, ALICE, `logs ${target.ID.slice(0, 6)} --tail 500`, /Last 103 lines of the stderr/);
    const file = [...s.slack.store.files.values()].slice(before).find((f) => f.filename === 'ci-mesosci-cs8.ci-1-continuous-builder.stderr.txt');
    expect(file?.content.split('\n')).toHaveLength(103);
    expect(file?.content).toContain('AWS_ACCESS_KEY_ID=[redacted]');
    expect(everythingInSlack()).not.toContain(AWS_KEY);
  });

  it('takes an allocation prefix: a unique one is that allocation, an ambiguous one is a list of the candidates', async () => {
    await crowdAllocations(s);
    const all = [...s.nomad.state.allocs.values()];
    const [a, b] = findTwoSharingAPrefix(all.map((x) => x.ID));
    await ask(s, ALICE, `logs ${a.slice(0, 8)} --stdout`, `Last 30 lines of the stdout of`);
    const shared = commonPrefix(a, b);
    const answer = await ask(s, ALICE, `logs ${shared}`, `\`${shared}\` matches`);
    const values = buttonsOf(answer).map((x) => x.value ?? '');
    expect(values.some((v) => v.includes(`--alloc ${a}`))).toBe(true);
    expect(values.some((v) => v.includes(`--alloc ${b}`))).toBe(true);
    await ask(s, ALICE, 'logs ffffffff', 'No allocation ID starts with `ffffffff`.');
  });

  it('shows a job with one allocation directly, and says when logging is disabled', async () => {
    const repo = allocsOf('repo')[0]!;
    s.nomad.controls.setTaskLog(repo.ID, 'rsync', 'stdout', 'rsync daemon started\n');
    await ask(s, ALICE, 'logs repo --stdout', 'Last 1 line of the stdout of rsync in repo.repo[0]');
    s.nomad.controls.disableTaskLogs(repo.ID, 'rsync');
    await ask(s, ALICE, 'logs repo', 'Nomad has no stderr for task rsync');
  });

  it('answers bad input privately with usage, queueing nothing', async () => {
    const channelBefore = s.messages().length;
    await ask(s, ALICE, 'logs mesosci-cs8 --tail many', '`many` is not a number of lines. Usage: `/ci logs');
    await ask(s, ALICE, 'logs mesosci-cs8 --alloc 00000000 --task nope', 'No allocation ID starts with `00000000`');
    expect(s.messages()).toHaveLength(channelBefore);
  });
});

function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (a[i] === b[i]) i++;
  return a.slice(0, i);
}

/** Two allocation IDs with the longest shared start (at least two characters). */
function findTwoSharingAPrefix(ids: string[]): [string, string] {
  const sorted = [...ids].sort();
  let best: [string, string] = [sorted[0]!, sorted[1]!];
  for (let i = 1; i < sorted.length; i++) {
    if (commonPrefix(sorted[i - 1]!, sorted[i]!).length > commonPrefix(...best).length) best = [sorted[i - 1]!, sorted[i]!];
  }
  if (commonPrefix(...best).length < 2) throw new Error('no two allocations share a two-character prefix');
  return best;
}
