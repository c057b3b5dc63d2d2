/** `/ci scale <instance|job> <count> [--group G]`: change how many builders a job runs. */
import type { CommandModule, ParseResult } from '../src/operations/index.js';
import { resolveJob } from './resolve-job.js';
import { orList } from './suggest.js';
import { echo } from './tokenize.js';
import { parseFlags } from './flags.js';

const USAGE = '/ci scale <instance> <count> [--group <group>]';
const usage = (problem: string): ParseResult => ({
  type: 'reply',
  error: true,
  text: `${problem} Usage: \`${USAGE}\`   e.g. \`/ci scale mesosci-cs8 10\``,
});

export const scale: CommandModule = {
  name: 'scale',
  summary: 'Change the number of builders of a job (plan, approval, apply).',
  usage: USAGE,
  examples: ['/ci scale mesosci-cs8 10', '/ci scale ci-mesosci-slc9 4', '/ci scale repo 2 --group repo'],
  commandClass: 'nomad-mutate',
  // The counts let "already runs 8" be answered here, privately, with nothing queued.
  needs: ['jobs', 'groupCounts'],
  parse(args, ctx) {
    const f = parseFlags(args, { group: 'value' });
    if (!f.ok) return usage(f.problem);
    const { positional } = f;
    const group = f.values.get('group');
    if (positional.length === 0) return usage('Which job, and how many builders?');
    if (positional.length === 1) return usage(`How many builders for \`${echo(positional[0]!)}\`?`);
    if (positional.length > 2) return usage(`Too many words: \`${echo(positional.slice(2).join(' '))}\`.`);
    const [typed, countText] = positional as [string, string];

    if (/^-\d+$/.test(countText)) return usage(`A count cannot be negative (\`${echo(countText)}\`).`);
    if (!/^\d+$/.test(countText)) return usage(`\`${echo(countText)}\` is not a count.`);
    const count = countText.length > 9 ? Number.MAX_SAFE_INTEGER : Number(countText);

    const resolved = resolveJob(typed, ctx.world.jobs ?? []);
    if (!resolved.ok) return { type: 'reply', error: true, text: resolved.message };
    const job = resolved.job;

    const limits = ctx.scaleLimits(job.id);
    if (count === 0 && !limits.allowZero) {
      return usage(`Scaling ${job.id} to 0 is not allowed here; use \`/ci stop\` to stop a job.`);
    }
    if (count > limits.maxCount) {
      return usage(`${count > 1e9 ? echo(countText, 20) : count} is above the maximum of ${limits.maxCount} builders for ${job.id}.`);
    }

    const groups = job.groups;
    const target = groups.length === 1 && group === undefined ? groups[0] : groups.find((g) => g.name === group);
    if (!target) {
      const names = groups.map((g) => `\`${g.name}\``);
      return usage(
        group === undefined
          ? `${job.id} has several task groups (${orList(names)}): add \`--group <group>\`.`
          : `${job.id} has no task group \`${echo(group)}\` (it has ${orList(names)}).`,
      );
    }
    if (target.count !== undefined && target.count === count) {
      return { type: 'reply', text: `${job.id} (group \`${target.name}\`) already runs ${count} — nothing to do.` };
    }
    return {
      type: 'operation',
      request: { kind: 'nomad.scale', v: 1, jobId: job.id, group: target.name, count, typed: echo(typed, 200) },
    };
  },
};
