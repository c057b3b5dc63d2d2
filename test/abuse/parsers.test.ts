/**
 * Every command parser of commands/index.ts against thousands of hostile inputs: it never throws,
 * its reply fits Slack and echoes nothing dangerous, and hostile words never become an operation
 * (except inside free text such as a reason, which is data).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commands, tokenize } from '../../commands/index.js';
import { OperationRequest, type CommandContext, type KnownJob, type ParseResult } from '../../src/operations/index.js';
import { replyProblem } from './checks.js';
import { hostileArgs, hostileLine, longWord, NASTY_WORDS } from './inputs.js';

const jobs: KnownJob[] = [
  { id: 'ci-mesosci-cs8', status: 'running', groups: [{ name: 'ci', count: 8 }] },
  { id: 'ci-mesosci-slc9', status: 'running', groups: [{ name: 'ci' }] },
  { id: 'repo', status: 'running', groups: [{ name: 'repo' }, { name: 'metrics' }] },
];
const ctx: CommandContext = {
  userId: 'U0ALICE',
  channelId: 'C0CIOPS',
  world: { jobs },
  scaleLimits: (id) => ({ maxCount: id === 'ci-mesosci-cs8' ? 20 : 50, allowZero: id === 'repo' }),
};
/** Request fields that carry the person's own words (a reason, what they typed), not targets. */
const FREE_TEXT = new Set(['reason', 'message', 'typed', 'comment', 'note']);
const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

let tried = 0;

/** Why a parse result is unacceptable for hostile input, or undefined. */
function problem(result: ParseResult): string | undefined {
  if (result.type === 'reply') return replyProblem(result.text);
  if (result.type === 'read') return undefined; // answered by a read job; checked through the bot
  const parsed = OperationRequest.safeParse(result.request);
  if (!parsed.success) return `operation that fails its schema: ${JSON.stringify(result.request)}`;
  for (const [key, value] of Object.entries(result.request)) {
    if (typeof value !== 'string' || FREE_TEXT.has(key)) continue;
    if (!IDENTIFIER.test(value) || value.includes('..')) return `operation with a hostile ${key}: ${JSON.stringify(value)}`;
  }
  const jobId = (result.request as { jobId?: string }).jobId;
  if (jobId !== undefined && !jobs.some((j) => j.id === jobId)) return `operation on an unknown job ${jobId}`;
  return undefined;
}

function check(name: string, args: readonly string[]): void {
  tried++;
  const cmd = commands.find((c) => c.name === name)!;
  let result: ParseResult;
  try {
    result = cmd.parse(args, ctx);
  } catch (err) {
    throw new Error(`/ci ${name} threw on ${JSON.stringify(args).slice(0, 300)}: ${String(err)}`);
  }
  const why = problem(result);
  if (why) throw new Error(`/ci ${name} ${JSON.stringify(args).slice(0, 300)}: ${why}`);
}

describe('command parsers under hostile input', () => {
  it.each(commands.map((c) => c.name))('/ci %s: never throws, answers within Slack limits, queues nothing hostile', (name) => {
    fc.assert(
      fc.property(hostileArgs, (args) => check(name, args)),
      { numRuns: 400 },
    );
    for (const word of NASTY_WORDS) check(name, [word]);
    fc.assert(
      fc.property(longWord, fc.nat({ max: 2 }), (word, at) => check(name, ['mesosci-cs8', '10', '--group'].slice(0, at).concat(word))),
      { numRuns: 12 },
    );
  });

  it('whole lines through the tokenizer and the registry', () => {
    const verbs = commands.map((c) => c.name);
    fc.assert(
      fc.property(hostileLine(verbs), (line) => {
        const [verb, ...args] = tokenize(line);
        const cmd = commands.find((c) => c.name === verb);
        if (cmd) check(cmd.name, args);
        else tried++;
      }),
      { numRuns: 1_500 },
    );
    console.log(`abuse suite: ${tried} hostile inputs tried against ${commands.length} command parsers`);
    expect(tried).toBeGreaterThan(5_000);
  });
});
