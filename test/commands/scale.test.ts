import { describe, expect, it } from 'vitest';
import { commands, tokenize } from '../../commands/index.js';
import { scale } from '../../commands/scale.js';
import type { CommandContext, KnownJob } from '../../src/operations/index.js';

const jobs: KnownJob[] = [
  { id: 'ci-mesosci-cs8', status: 'running', groups: [{ name: 'ci', count: 8 }] },
  { id: 'ci-mesosci-slc9', status: 'running', groups: [{ name: 'ci' }] },
  { id: 'ci-mesosci-slc9-o2physics', status: 'running', groups: [{ name: 'ci' }] },
  { id: 'repo', status: 'running', groups: [{ name: 'repo' }, { name: 'metrics' }] },
];
const ctx: CommandContext = {
  userId: 'U0ALICE',
  channelId: 'C0CIOPS',
  world: { jobs },
  scaleLimits: (id) => (id === 'ci-mesosci-cs8' ? { maxCount: 20, allowZero: false } : { maxCount: 50, allowZero: id === 'repo' }),
};
const parse = (text: string) => scale.parse(tokenize(text), ctx);

describe('/ci scale parsing', () => {
  it.each([
    ['mesosci-cs8 10', 'ci-mesosci-cs8'],
    ['ci-mesosci-cs8 10', 'ci-mesosci-cs8'],
    ['ci/mesosci-cs8 10', 'ci-mesosci-cs8'],
  ])('resolves %s to %s', (text, jobId) => {
    expect(parse(text)).toEqual({ type: 'operation', request: { kind: 'nomad.scale', v: 1, jobId, group: 'ci', count: 10, typed: text.split(' ')[0] } });
  });

  it.each([
    ['', 'Which job, and how many builders?'],
    ['mesosci-cs8', 'How many builders for `mesosci-cs8`?'],
    ['mesosci-cs8 lots', '`lots` is not a count.'],
    ['mesosci-cs8 -3', 'cannot be negative'],
    ['mesosci-cs8 2.5', '`2.5` is not a count.'],
    ['mesosci-cs8 0', 'Scaling ci-mesosci-cs8 to 0 is not allowed'],
    ['mesosci-cs8 21', '21 is above the maximum of 20 builders for ci-mesosci-cs8'],
    ['mesosci-cs8 99999999999999999999', 'is above the maximum of 20'],
    ['mesosci-cs8 10 extra', 'Too many words'],
    ['mesosci-cs8 10 --force', 'Unknown option `--force`'],
    ['repo 2', 'has several task groups (`repo` or `metrics`)'],
    ['repo 2 --group web', 'has no task group `web`'],
    ['mesosci-cs8 8', 'already runs 8'],
  ])('refuses "%s" with a specific message', (text, fragment) => {
    const r = parse(text);
    expect(r.type).toBe('reply');
    expect(r.type === 'reply' && r.text).toContain(fragment);
  });

  it('gives the usage with an example on bad input', () => {
    const r = parse('mesosci-cs8 lots');
    expect(r.type === 'reply' && r.text).toContain('Usage: `/ci scale <instance> <count> [--group <group>]`   e.g. `/ci scale mesosci-cs8 10`');
  });

  it('suggests the closest names for an unknown job', () => {
    const r = parse('mesosci-cs9 4');
    expect(r.type === 'reply' && r.text).toBe(
      'No job or declaration called `mesosci-cs9`. Did you mean mesosci-cs8 (ci-mesosci-cs8) or mesosci-slc9 (ci-mesosci-slc9)?',
    );
  });

  it('selects the group with --group and allows zero where configured', () => {
    expect(parse('repo 0 --group repo')).toMatchObject({ type: 'operation', request: { jobId: 'repo', group: 'repo', count: 0 } });
  });

  it('never echoes control characters or backticks back', () => {
    const r = parse('`rm -rf /`\u0007 4');
    expect(r.type === 'reply' && r.text).not.toMatch(/[\u0007]/);
  });
});

describe('tokenize', () => {
  it('splits on whitespace and honours straight and smart quotes', () => {
    expect(tokenize('  scale  "a b"  \'c d\' “e f” ')).toEqual(['scale', 'a b', 'c d', 'e f']);
    expect(tokenize('')).toEqual([]);
    expect(tokenize('x ""')).toEqual(['x', '']);
  });
});

describe('/ci help', () => {
  const help = commands.find((c) => c.name === 'help')!;
  it('lists every registered command from the registry', () => {
    const r = help.parse([], ctx);
    // As Slack wants them: `<instance>` escaped, so it is not read as a link.
    for (const c of commands) expect(r.type === 'reply' && r.text).toContain(c.usage.replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    expect(r.type === 'reply' && r.text).toContain('`/ci scale &lt;instance&gt; &lt;count&gt; [--group &lt;group&gt;]`');
  });
  it('explains one command with examples', () => {
    const r = help.parse(['scale'], ctx);
    expect(r.type === 'reply' && r.text).toContain('/ci scale mesosci-cs8 10');
  });
  it('suggests a command for a typo', () => {
    const r = help.parse(['scael'], ctx);
    expect(r.type === 'reply' && r.text).toContain('Did you mean `scale`?');
  });
});
