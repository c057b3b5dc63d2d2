/** Parser tables for /ci logs, restart, why, nodes and node (pure: words in, ParseResult out). */
import { describe, expect, it } from 'vitest';
import { commands, tokenize } from '../../commands/index.js';
import { logs } from '../../commands/logs.js';
import { node } from '../../commands/node.js';
import { nodes } from '../../commands/nodes.js';
import { restart } from '../../commands/restart.js';
import { why } from '../../commands/why.js';
import {
  OPERATION_CLASS,
  OperationRequest,
  ReadRequest,
  type CommandContext,
  type CommandModule,
  type KnownJob,
  type ParseResult,
} from '../../src/operations/index.js';

const jobs: KnownJob[] = [
  { id: 'ci-mesosci-cs8', status: 'running', groups: [{ name: 'ci' }] },
  { id: 'ci-mesosci-slc9', status: 'running', groups: [{ name: 'ci' }] },
  { id: 'repo', status: 'running', groups: [{ name: 'repo' }] },
];
const ctx: CommandContext = { userId: 'U0ALICE', channelId: 'C0CIOPS', world: { jobs }, scaleLimits: () => ({ maxCount: 50, allowZero: false }) };
const run = (cmd: CommandModule, text: string): ParseResult => cmd.parse(tokenize(text), ctx);
const replyText = (r: ParseResult) => (r.type === 'reply' ? r.text : `not a reply: ${JSON.stringify(r)}`);
const request = (r: ParseResult) => {
  if (r.type === 'read') return ReadRequest.parse(r.request);
  if (r.type === 'operation') return OperationRequest.parse(r.request);
  throw new Error(`expected a request, got: ${r.text}`);
};

describe('/ci logs', () => {
  it.each([
    ['mesosci-cs8', { jobId: 'ci-mesosci-cs8', stream: 'stderr', tail: 30 }],
    ['ci/mesosci-cs8 --stdout --tail 200', { jobId: 'ci-mesosci-cs8', stream: 'stdout', tail: 200 }],
    ['repo -stderr -tail=5 --task rsync', { jobId: 'repo', stream: 'stderr', tail: 5, task: 'rsync' }],
    ['3C1B0F2E', { alloc: '3c1b0f2e', stream: 'stderr', tail: 30 }],
    ['mesosci-cs8 --alloc 3c1b0f2e-aaaa', { jobId: 'ci-mesosci-cs8', alloc: '3c1b0f2e-aaaa', stream: 'stderr', tail: 30 }],
    ['--alloc 3c1b', { alloc: '3c1b', stream: 'stderr', tail: 30 }],
  ])('%s', (text, expected) => {
    expect(request(run(logs, text))).toEqual({ kind: 'nomad.logs', v: 1, ...expected });
  });

  it.each([
    ['', 'Which job or allocation?'],
    ['mesosci-cs8 --stderr --stdout', 'Pick one of `--stderr` and `--stdout`.'],
    ['mesosci-cs8 --tail lots', '`lots` is not a number of lines.'],
    ['mesosci-cs8 --tail 0', '`0` is not a number of lines.'],
    ['mesosci-cs8 --tail 20000', 'At most 10000 lines'],
    ['mesosci-cs8 --tail', '`--tail` needs a value.'],
    ['mesosci-cs8 --follow', 'Unknown option `--follow`.'],
    ['mesosci-cs8 extra', 'Too many words'],
    ['3', 'at least two characters'],
    ['mesosci-cs8 --alloc zz', '`zz` is not an allocation ID.'],
    ['mesosci-cs9', 'No job or declaration called `mesosci-cs9`. Did you mean'],
  ])('%s → %s', (text, problem) => {
    const r = run(logs, text);
    expect(r.type).toBe('reply');
    expect(replyText(r)).toContain(problem);
    if (!problem.startsWith('No job')) expect(replyText(r)).toContain('Usage: `/ci logs <job-or-alloc>');
  });

  it('explains why stderr is the default in its help', () => {
    expect(logs.summary).toContain('stderr by default');
    expect(logs.summary).toContain('-stderr');
  });
});

describe('/ci restart', () => {
  it('takes an allocation ID or prefix, and a task', () => {
    expect(request(run(restart, '3c1b0f2e'))).toEqual({ kind: 'nomad.restart', v: 1, alloc: '3c1b0f2e' });
    expect(request(run(restart, '3C1B --task continuous-builder'))).toEqual({ kind: 'nomad.restart', v: 1, alloc: '3c1b', task: 'continuous-builder' });
  });
  it.each([
    ['', 'Which allocation?'],
    ['mesosci-cs8', '`mesosci-cs8` is not an allocation ID. `/ci restart` takes an allocation ID'],
    ['a', 'at least two characters'],
    ['3c1b 4d2e', 'Too many words'],
    ['3c1b --all', 'Unknown option'],
  ])('%s → %s', (text, problem) => expect(replyText(run(restart, text))).toContain(problem));
  it('is a mutating command of class nomad-mutate', () => expect(restart.commandClass).toBe('nomad-mutate'));
});

describe('/ci why', () => {
  it('resolves the job like the other commands', () => {
    expect(request(run(why, 'mesosci-slc9'))).toEqual({ kind: 'nomad.why', v: 1, jobId: 'ci-mesosci-slc9' });
    expect(replyText(run(why, ''))).toContain('Which job?');
    expect(replyText(run(why, 'nope-job'))).toContain('No job or declaration called `nope-job`');
  });
});

describe('/ci nodes', () => {
  it.each([
    ['', {}],
    ['--status down', { status: 'down' }],
    ['--class builder --datacenter cern-b', { nodeClass: 'builder', datacenter: 'cern-b' }],
    ['--dc cern-a --status draining', { datacenter: 'cern-a', status: 'draining' }],
  ])('%s', (text, expected) => expect(request(run(nodes, text))).toEqual({ kind: 'nomad.nodes', v: 1, ...expected }));
  it('shows one node to everyone when given a name', () => {
    expect(request(run(nodes, 'alibuild05'))).toEqual({ kind: 'nomad.node', v: 1, node: 'alibuild05' });
    expect(nodes.commandClass).toBe('read');
  });
  it.each([
    ['--status sleeping', '`sleeping` is not a node status'],
    ['--colour red', 'Unknown option'],
    ['alibuild05 --status down', 'do not go together'],
    ['a b', 'Too many words'],
  ])('%s → %s', (text, problem) => expect(replyText(run(nodes, text))).toContain(problem));
});

describe('/ci node', () => {
  it('shows one node, or runs a subcommand from the table', () => {
    expect(request(run(node, 'alibuild05'))).toEqual({ kind: 'nomad.node', v: 1, node: 'alibuild05' });
    expect(request(run(node, 'drain alibuild05'))).toEqual({ kind: 'node.drain', v: 1, node: 'alibuild05', deadlineMs: 3_600_000, ignoreSystemJobs: false });
    expect(request(run(node, 'drain alibuild05 --deadline 1h30m --ignore-system'))).toEqual({
      kind: 'node.drain',
      v: 1,
      node: 'alibuild05',
      deadlineMs: 5_400_000,
      ignoreSystemJobs: true,
    });
    expect(request(run(node, 'drain alibuild05 -deadline=2s'))).toMatchObject({ deadlineMs: 2_000 });
    expect(request(run(node, 'undrain alibuild05'))).toEqual({ kind: 'node.undrain', v: 1, node: 'alibuild05' });
    expect(request(run(node, 'eligible alibuild05'))).toEqual({ kind: 'node.eligibility', v: 1, node: 'alibuild05', eligibility: 'eligible' });
    expect(request(run(node, 'ineligible alibuild05.cern.ch'))).toEqual({
      kind: 'node.eligibility',
      v: 1,
      node: 'alibuild05.cern.ch',
      eligibility: 'ineligible',
    });
  });
  it.each([
    ['', 'Which node?'],
    ['drain', 'Which node? Usage: `/ci node drain <name>'],
    ['drain alibuild05 --deadline soon', '`soon` is not a duration'],
    ['drain alibuild05 --deadline 0s', 'at least 1s'],
    ['drain alibuild05 --deadline 200h', 'at most 168h'],
    ['drain alibuild05 --force', 'Unknown option `--force`'],
    ['drian alibuild05', '`drian` is not something `/ci node` does. Did you mean `drain`?'],
    ['eligible a b', 'Too many words'],
    ['al;ibuild', 'is not a node name'],
  ])('%s → %s', (text, problem) => expect(replyText(run(node, text))).toContain(problem));
  it('is read-only as a verb; each change is checked against its own operation class', () => {
    expect(node.commandClass).toBe('read');
    expect(OPERATION_CLASS['node.drain']).toBe('node');
    expect(OPERATION_CLASS['node.undrain']).toBe('node');
    expect(OPERATION_CLASS['node.eligibility']).toBe('node');
    expect(OPERATION_CLASS['nomad.restart']).toBe('nomad-mutate');
  });
});

describe('the registry', () => {
  it('has each new verb once', () => {
    for (const name of ['logs', 'restart', 'why', 'nodes', 'node']) expect(commands.filter((c) => c.name === name)).toHaveLength(1);
  });
});

describe('/ci node <change> against the nodes Nomad knows (issue 16.4)', () => {
  const known: CommandContext = {
    ...ctx,
    world: {
      nodes: [
        { name: 'alibuild05', id: '3c1b0f2e-aaaa-bbbb-cccc-000000000005' },
        { name: 'alibuild09.cern.ch', id: '9f00aa11-aaaa-bbbb-cccc-000000000009' },
      ],
    },
  };
  const parse = (text: string) => node.parse(tokenize(text), known);

  it.each(['drain alibuild05', 'drain ALIBUILD05.cern.ch', 'ineligible alibuild09', 'undrain 3c1b', 'eligible alibuild09.cern.ch'])('takes %s', (text) => {
    expect(parse(text).type).toBe('operation');
  });

  it('answers a node Nomad does not have, with the nearest names only', () => {
    expect(replyText(parse('drain alibuild99'))).toBe('No node called `alibuild99`. Did you mean alibuild09? `/ci nodes` lists them. Nothing was queued.');
    expect(replyText(parse('undrain 77aa'))).toBe('No node called `77aa`. `/ci nodes` lists them. Nothing was queued.');
  });

  it('fetches the nodes only for a change, the servers only to retire', () => {
    expect(node.needsFor?.(['drain', 'alibuild05'])).toEqual(['nodes']);
    expect(node.needsFor?.(['retire', 'alibuild05'])).toEqual(['servers']);
    expect(node.needsFor?.(['alibuild05'])).toEqual([]);
  });
});
