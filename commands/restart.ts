/** `/ci restart <alloc> [--task T]`: restart one allocation's tasks in place (`nomad alloc restart`). */
import type { CommandModule, ParseResult } from '../src/operations/index.js';
import { parseFlags } from './flags.js';
import { allocRef } from './logs.js';
import { echo } from './tokenize.js';

const USAGE = '/ci restart <alloc> [--task <task>]';
const usage = (problem: string): ParseResult => ({
  type: 'reply',
  error: true,
  text: `${problem} Usage: \`${USAGE}\`   e.g. \`/ci restart 3c1b0f2e\` (\`/ci status <job>\` lists the allocations)`,
});

export const restart: CommandModule = {
  name: 'restart',
  summary: 'Restart the tasks of one allocation where it runs (plan, approval, apply). The build area stays: same host.',
  usage: USAGE,
  examples: ['/ci restart 3c1b0f2e', '/ci restart 3c1b --task continuous-builder'],
  commandClass: 'nomad-mutate',
  needs: [],
  parse(args) {
    const f = parseFlags(args, { task: 'value' });
    if (!f.ok) return usage(f.problem);
    if (f.positional.length === 0) return usage('Which allocation?');
    if (f.positional.length > 1) return usage(`Too many words: \`${echo(f.positional.slice(1).join(' '))}\`.`);
    const typed = f.positional[0]!;
    const ref = allocRef(typed);
    if (!ref.ok) {
      const hint = /^[0-9a-f-]+$/i.test(typed) ? '' : ' `/ci restart` takes an allocation ID; `/ci status <job>` lists them.';
      return usage(`${ref.problem}${hint}`);
    }
    const task = f.values.get('task');
    if (task !== undefined && !/^[^\u0000-\u001f`/]{1,128}$/.test(task)) return usage(`\`${echo(task)}\` is not a task name.`);
    return { type: 'operation', request: { kind: 'nomad.restart', v: 1, alloc: ref.ref, ...(task ? { task } : {}) } };
  },
};
