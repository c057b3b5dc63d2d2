/** `/ci alerts` and `/ci silence <alert|pattern> <duration> [reason]`. */
import { parseDuration, type CommandModule } from '../src/operations/index.js';
import { noArgumentsProblem, parseFlags } from './flags.js';
import { echo } from './tokenize.js';

export const alerts: CommandModule = {
  name: 'alerts',
  summary: 'What fires, what is silenced or held back, and the active silences.',
  usage: '/ci alerts',
  examples: ['/ci alerts'],
  commandClass: 'read',
  needs: [],
  parse(args) {
    const problem = noArgumentsProblem(args, '/ci alerts');
    return problem ? { type: 'reply', error: true, text: problem } : { type: 'read', request: { kind: 'alerts.list', v: 1 } };
  },
};

const SILENCE_USAGE = '/ci silence <alert|pattern> <duration> [reason] [--anyway]';

export const silence: CommandModule = {
  name: 'silence',
  summary: 'Silence an alert (its id from the message), a node or job name, or a pattern like alibuild0*.',
  usage: SILENCE_USAGE,
  examples: ['/ci silence alibuild07 2h kernel update', '/ci silence "alibuild1*" 1d rack maintenance', '/ci silence al-3f9c2a 30m'],
  // Silencing changes what the team sees, so only people who may change the farm may do it.
  commandClass: 'nomad-mutate',
  needs: [],
  parse(args) {
    const usage = (problem: string) => ({
      type: 'reply' as const,
      error: true,
      text: `${problem} Usage: \`${SILENCE_USAGE}\`   e.g. \`/ci silence alibuild07 2h kernel update\``,
    });
    const f = parseFlags(args, { anyway: 'bool' });
    if (!f.ok) return usage(f.problem);
    const [target, duration, ...reason] = f.positional;
    if (!target) return usage('What should be silenced?');
    if (!duration) return usage(`For how long should \`${echo(target)}\` be silenced?`);
    if (!/^[A-Za-z0-9*?._/-]{1,200}$/.test(target)) return usage(`\`${echo(target)}\` is not an alert id, a name or a pattern.`);
    const ms = parseDuration(duration);
    if (ms === undefined) return usage(`\`${echo(duration)}\` is not a duration (use e.g. 30m, 2h, 1d).`);
    if (ms < 60_000 || ms > 30 * 86_400_000) return usage('A silence lasts between 1 minute and 30 days.');
    const anyway = f.bools.has('anyway') ? { anyway: true } : {};
    return { type: 'read', request: { kind: 'alerts.silence', v: 1, target, durationMs: ms, reason: reason.join(' ').slice(0, 300), ...anyway } };
  },
};
