/**
 * `nomad.logs`: the last lines of one task's stdout or stderr, like `nomad alloc logs -tail`.
 * Reads only the end of the file (`origin=end`), decodes Nomad's frames, and drops a first line
 * cut in half. Secrets in the text are masked on the way out (the notifier redacts every reply).
 */
import { HttpApiError } from '../../src/errors.js';
import { NomadLogs, type ReadReply } from '../../src/operations/index.js';
import type { JobDeps, NomadAllocationStub, ReadJobModule } from '../../src/ports.js';
import { allocList, byInterest, describeAlloc, MAX_CHOICES, nodeOf } from './alloc-pick.js';

const DEFAULT_TAIL = 30;
/** Bytes asked per line wanted: builder logs average well under this. */
const BYTES_PER_LINE = 400;
const MAX_BYTES = 2 * 1024 * 1024;

type AllocChoice = { ok: true; alloc: NomadAllocationStub } | { ok: false; reply: ReadReply };

/** The words of a `/ci logs` command for one allocation: what a button runs. */
function command(req: NomadLogs, allocId: string, task?: string): string {
  const parts = ['logs'];
  if (req.jobId) parts.push(req.jobId);
  parts.push('--alloc', allocId, `--${req.stream}`);
  const t = task ?? req.task;
  if (t) parts.push('--task', /\s/.test(t) ? `"${t}"` : t);
  if (req.tail !== DEFAULT_TAIL) parts.push('--tail', String(req.tail));
  return parts.join(' ');
}

function chooser(req: NomadLogs, allocs: NomadAllocationStub[], summary: string): ReadReply {
  const sorted = byInterest(allocs);
  const more = sorted.length > MAX_CHOICES ? ` Buttons for the first ${MAX_CHOICES}; \`--alloc <id>\` for the others.` : '';
  return {
    summary: `${summary}${more}`,
    detail: allocList(sorted),
    filename: `${req.jobId ?? 'allocations'}-allocations.txt`,
    choices: sorted.slice(0, MAX_CHOICES).map((a, i) => ({ label: `#${i + 1} ${a.ID.slice(0, 8)} ${nodeOf(a)}`.slice(0, 75), command: command(req, a.ID) })),
  };
}

async function pickAlloc(req: NomadLogs, deps: JobDeps): Promise<AllocChoice> {
  if (req.alloc) {
    let found = await deps.nomad.allocations.byPrefix(req.alloc, { namespace: '*' });
    if (req.jobId) {
      const mine = found.filter((a) => a.JobID === req.jobId);
      if (mine.length === 0 && found.length > 0)
        return { ok: false, reply: { summary: `Allocation ${req.alloc} belongs to ${found[0]!.JobID}, not ${req.jobId}.` } };
      found = mine;
    }
    if (found.length === 0)
      return {
        ok: false,
        reply: { summary: `No allocation ID starts with \`${req.alloc}\`.${req.jobId ? ` \`/ci logs ${req.jobId}\` lists its allocations.` : ''}` },
      };
    if (found.length > 1)
      return { ok: false, reply: chooser(req, found, `\`${req.alloc}\` matches ${found.length} allocations: pick one (or give more of the ID).`) };
    return { ok: true, alloc: found[0]! };
  }
  if (!req.jobId) return { ok: false, reply: { summary: 'Which job or allocation?' } };
  const { data } = await deps.nomad.jobs.allocations(req.jobId);
  if (data.length === 0)
    return {
      ok: false,
      reply: { summary: `${req.jobId} has no allocations, so there are no logs. \`/ci why ${req.jobId}\` says what keeps it from being placed.` },
    };
  if (data.length > 1) {
    const live = data.filter((a) => a.ClientStatus === 'running').length;
    return {
      ok: false,
      reply: chooser(req, data, `${req.jobId} has ${data.length} allocations (${live} running): whose ${req.stream}? Pick one below, or add \`--alloc <id>\`.`),
    };
  }
  return { ok: true, alloc: data[0]! };
}

export const nomadLogs: ReadJobModule<NomadLogs> = {
  kind: 'nomad.logs',
  schema: NomadLogs,
  async run(req, deps): Promise<ReadReply> {
    const picked = await pickAlloc(req, deps);
    if (!picked.ok) return picked.reply;
    const alloc = picked.alloc;
    const tasks = Object.keys(alloc.TaskStates ?? {}).sort();
    if (req.task && tasks.length && !tasks.includes(req.task)) {
      return { summary: `${describeAlloc(alloc)} has no task \`${req.task}\`; it has ${tasks.map((t) => `\`${t}\``).join(', ')}.` };
    }
    if (!req.task && tasks.length > 1) {
      return {
        summary: `${describeAlloc(alloc)} runs ${tasks.length} tasks: which one?`,
        choices: tasks.slice(0, MAX_CHOICES).map((t) => ({ label: t.slice(0, 75), command: command(req, alloc.ID, t) })),
      };
    }
    const task = req.task ?? tasks[0];
    if (!task) return { summary: `${describeAlloc(alloc)} has not started a task yet, so there is no log.` };

    let log;
    try {
      log = await deps.nomad.logs.read(alloc.ID, {
        task,
        type: req.stream,
        origin: 'end',
        offset: Math.min(MAX_BYTES, Math.max(64 * 1024, req.tail * BYTES_PER_LINE)),
      });
    } catch (err) {
      if (err instanceof HttpApiError && err.status === 404) {
        return {
          summary: `Nomad has no ${req.stream} for task ${task} of ${describeAlloc(alloc)}: ${err.body || 'not found'} (logging disabled for the task, or the allocation was garbage-collected).`,
        };
      }
      throw err;
    }
    const lines = log.text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    if (log.startsMidFile) lines.shift();
    const shown = lines.slice(-req.tail);
    const where = `${req.stream} of ${task} in ${describeAlloc(alloc)}`;
    if (shown.length === 0) return { summary: `The ${where} is empty.${req.stream === 'stderr' ? ' Try `--stdout`.' : ''}` };
    const rotated = log.fileEvents.length ? ` (the log file was ${log.fileEvents.join(', ')} while reading)` : '';
    return {
      summary: `Last ${shown.length} line${shown.length === 1 ? '' : 's'} of the ${where}${rotated}:`,
      detail: shown.join('\n'),
      keep: 'end',
      filename: `${alloc.Name.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/-+$/, '')}-${task}.${req.stream}.txt`,
    };
  },
};
