/**
 * `/ci logs <job|alloc> [--stderr|--stdout] [--task T] [--tail N] [--alloc ID]`: the end of one
 * allocation's log. Never a random allocation (the seed's warning about `nomad alloc logs -job`):
 * with several, the answer lists them with a button each.
 */
import type { CommandModule, ParseResult } from '../src/operations/index.js';
import { parseFlags } from './flags.js';
import { resolveJob } from './resolve-job.js';
import { echo } from './tokenize.js';

// No `|` inside <…>: Slack would read `<job|alloc>` as a link.
const USAGE = '/ci logs <job-or-alloc> [--stderr|--stdout] [--task <task>] [--tail <lines>] [--alloc <id>]';
const DEFAULT_TAIL = 30;
const MAX_TAIL = 10_000;
const ALLOC = /^[0-9a-f][0-9a-f-]*$/;

const usage = (problem: string): ParseResult => ({
  type: 'reply',
  error: true,
  text: `${problem} Usage: \`${USAGE}\`   e.g. \`/ci logs mesosci-cs8 --tail 100\``,
});

/** The CLI's own rule (`nomad alloc logs`): "Alloc ID must contain at least two characters." */
export function allocRef(text: string): { ok: true; ref: string } | { ok: false; problem: string } {
  const ref = text.toLowerCase();
  if (!ALLOC.test(ref) || ref.length > 36) return { ok: false, problem: `\`${echo(text)}\` is not an allocation ID.` };
  if (ref.replace(/-/g, '').length < 2) return { ok: false, problem: 'An allocation ID must have at least two characters.' };
  return { ok: true, ref };
}

export const logs: CommandModule = {
  name: 'logs',
  summary:
    `The last lines (default ${DEFAULT_TAIL}) of one allocation's log. stderr by default: builders run \`bash -ex\`, so the trace ` +
    'and the errors are there (the runbook always uses `-stderr`); `--stdout` for the rest. A job with several allocations ' +
    'gets a list to pick from, never a random one.',
  usage: USAGE,
  examples: [
    '/ci logs mesosci-cs8',
    '/ci logs 3c1b0f2e --tail 200',
    '/ci logs repo --stdout',
    '/ci logs mesosci-cs8 --alloc 3c1b0f2e --task continuous-builder',
  ],
  commandClass: 'read',
  needs: ['jobs'],
  parse(args, ctx) {
    const f = parseFlags(args, { stderr: 'bool', stdout: 'bool', task: 'value', tail: 'value', alloc: 'value' });
    if (!f.ok) return usage(f.problem);
    if (f.positional.length === 0 && !f.values.has('alloc')) return usage('Which job or allocation?');
    if (f.positional.length > 1) return usage(`Too many words: \`${echo(f.positional.slice(1).join(' '))}\`.`);
    if (f.bools.has('stderr') && f.bools.has('stdout')) return usage('Pick one of `--stderr` and `--stdout`.');
    const stream = f.bools.has('stdout') ? 'stdout' : 'stderr';

    let tail = DEFAULT_TAIL;
    const tailText = f.values.get('tail');
    if (tailText !== undefined) {
      if (!/^\d+$/.test(tailText) || Number(tailText) < 1) return usage(`\`${echo(tailText)}\` is not a number of lines.`);
      if (tailText.length > 5 || Number(tailText) > MAX_TAIL) return usage(`At most ${MAX_TAIL} lines at a time.`);
      tail = Number(tailText);
    }
    const task = f.values.get('task');
    if (task !== undefined && !/^[^\u0000-\u001f`/]{1,128}$/.test(task)) return usage(`\`${echo(task)}\` is not a task name.`);

    let alloc: string | undefined;
    const allocText = f.values.get('alloc');
    if (allocText !== undefined) {
      const r = allocRef(allocText);
      if (!r.ok) return usage(r.problem);
      alloc = r.ref;
    }
    let jobId: string | undefined;
    const typed = f.positional[0];
    if (typed !== undefined) {
      const job = resolveJob(typed, ctx.world.jobs ?? []);
      if (job.ok) jobId = job.job.id;
      else if (alloc === undefined && ALLOC.test(typed.toLowerCase())) {
        const r = allocRef(typed);
        if (!r.ok) return usage(r.problem);
        alloc = r.ref;
      } else return { type: 'reply', error: true, text: job.message };
    }
    return {
      type: 'read',
      request: { kind: 'nomad.logs', v: 1, stream, tail, ...(jobId ? { jobId } : {}), ...(alloc ? { alloc } : {}), ...(task ? { task } : {}) },
    };
  },
};
