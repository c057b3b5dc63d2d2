/**
 * One way to read options (issue 15.5): every verb parses its words with commands/flags.ts, so an
 * option it does not know gets the same private, specific answer everywhere and nothing is queued —
 * never a job called `--force`, never an ignored flag. Each verb is tried with every example of
 * its own help plus an unknown option, in the long, single-dash and `=` spellings.
 */
import { describe, expect, it } from 'vitest';
import { commands, tokenize } from '../../commands/index.js';
import type { CommandContext } from '../../src/operations/index.js';

const ctx: CommandContext = {
  userId: 'U0ALICE',
  channelId: 'C0CIOPS',
  world: {
    jobs: [
      { id: 'ci-mesosci-cs8', status: 'running', groups: [{ name: 'ci', count: 8 }] },
      { id: 'ci-mesosci-slc9', status: 'running', groups: [{ name: 'ci', count: 4 }] },
      { id: 'repo', status: 'running', groups: [{ name: 'repo', count: 1 }] },
    ],
    declarations: { dirs: ['ci'], instances: [{ key: 'ci/mesosci-cs8', name: 'mesosci-cs8', dir: 'ci', jobName: 'ci-mesosci-cs8' }] },
  },
  scaleLimits: () => ({ maxCount: 40, allowZero: true }),
};

const cases = commands.flatMap((c) =>
  c.examples.flatMap((example) => ['--bogus-option', '-bogus-option', '--bogus-option=1'].map((flag) => ({ verb: c.name, example, flag }))),
);

describe('an unknown option, for every verb', () => {
  it('covers every registered verb', () => {
    expect(new Set(cases.map((c) => c.verb))).toEqual(new Set(commands.map((c) => c.name)));
  });

  it.each(cases)('/ci $example $flag', ({ verb, example, flag }) => {
    const words = tokenize(example.replace(/^\/ci\s+/, '')).slice(1);
    const module = commands.find((c) => c.name === verb)!;
    const result = module.parse([...words, flag], ctx);
    expect(result.type).toBe('reply');
    if (result.type !== 'reply') return;
    expect(result.error).toBe(true);
    expect(result.text).toContain(`Unknown option \`${flag}\`.`);
  });
});
