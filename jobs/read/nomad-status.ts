/** `nomad.status`: like `nomad status` / `nomad job status <job>`, problems first. */
import { NomadStatus, type ReadReply } from '../../src/operations/index.js';
import type { JobDeps, NomadJob, ReadJobModule } from '../../src/ports.js';
import { age, mapLimit, naturalOrder, table } from './table.js';
import { commitText } from '../commit-notes.js';
import { deployedCommit } from '../deployed-commit.js';

interface GroupLine {
  name: string;
  desired: number;
  running: number;
  queued: number;
  failed: number;
  lost: number;
}

export const nomadStatus: ReadJobModule<NomadStatus> = {
  kind: 'nomad.status',
  schema: NomadStatus,
  run: (req, deps) => (req.jobId ? oneJob(req.jobId, deps) : allJobs(deps)),
};

async function allJobs(deps: JobDeps): Promise<ReadReply> {
  const { data: stubs } = await deps.nomad.jobs.list();
  const jobs = stubs.filter((j) => !j.ParentID);
  const desired = await mapLimit(jobs, 16, async (j) => {
    const job = await deps.nomad.jobs.find(j.ID);
    return new Map((job?.TaskGroups ?? []).map((g) => [g.Name, g.Count ?? 1]));
  });
  const lines = jobs.map((j, i) => {
    const groups: GroupLine[] = Object.entries(j.JobSummary?.Summary ?? {}).map(([name, s]) => ({
      name,
      desired: j.Stop ? 0 : (desired[i]!.get(name) ?? 0),
      running: s.Running,
      queued: s.Queued + s.Starting,
      failed: s.Failed,
      lost: s.Lost,
    }));
    const short = groups.some((g) => g.running < g.desired);
    return { j, groups, problem: j.Status !== 'running' || short };
  });
  lines.sort((a, b) => Number(b.problem) - Number(a.problem) || a.j.ID.localeCompare(b.j.ID));
  const count = (s: string) => jobs.filter((j) => j.Status === s).length;
  const problems = lines.filter((l) => l.problem);
  const summary = [
    `${jobs.length} jobs: ${count('running')} running, ${count('pending')} pending, ${count('dead')} dead.`,
    problems.length ? `⚠️ ${problems.map((p) => `${p.j.ID} (${describeGroups(p.groups)})`).join('; ')}` : '✅ Every job runs its desired count.',
  ].join('\n');
  const detail = table(
    ['JOB', 'TYPE', 'STATUS', 'GROUPS running/desired'],
    lines.map(({ j, groups }) => [
      j.ID,
      j.Type,
      j.Status,
      groups.map((g) => `${g.name} ${g.running}/${g.desired}${g.queued ? ` (${g.queued} queued)` : ''}`).join(', '),
    ]),
  );
  return { summary, detail, filename: 'nomad-status.txt' };
}

function describeGroups(groups: GroupLine[]): string {
  return groups
    .map(
      (g) =>
        `${g.name} ${g.running}/${g.desired} running${g.queued ? `, ${g.queued} queued` : ''}${g.failed ? `, ${g.failed} failed` : ''}${g.lost ? `, ${g.lost} lost` : ''}`,
    )
    .join('; ');
}

async function oneJob(jobId: string, deps: JobDeps): Promise<ReadReply> {
  const job = await deps.nomad.jobs.find(jobId);
  if (!job) return { summary: `Job ${jobId} does not exist in Nomad (any more).` };
  const [{ data: allocs }, { data: evals }] = await Promise.all([deps.nomad.jobs.allocations(jobId), deps.nomad.jobs.evaluations(jobId)]);
  const now = deps.now();
  const live = allocs.filter((a) => a.DesiredStatus === 'run');
  const groups = (job.TaskGroups ?? []).map((g) => {
    const mine = live.filter((a) => a.TaskGroup === g.Name);
    const by = (s: string) => mine.filter((a) => a.ClientStatus === s).length;
    return `${g.Name}: ${job.Stop ? 0 : (g.Count ?? 1)} desired · ${by('running')} running · ${by('pending')} pending · ${by('failed')} failed · ${by('lost')} lost`;
  });
  const latest = [...evals].sort((a, b) => (b.CreateIndex ?? 0) - (a.CreateIndex ?? 0));
  const blocked = latest.find((e) => e.Status === 'blocked');
  const lines = [`*${job.ID}* · ${job.Type ?? 'service'} · ${job.Status ?? '?'} · version ${job.Version ?? 0}`, ...groups];
  const commit = await commitLine(job, deps);
  if (commit) lines.push(commit);
  if (latest[0]) lines.push(`Latest evaluation ${latest[0].ID.slice(0, 8)}: ${latest[0].Status} (${latest[0].TriggeredBy ?? '?'})`);
  if (blocked) lines.push(`⚠️ Blocked evaluation ${blocked.ID.slice(0, 8)}: allocations wait for capacity (\`/ci why ${job.ID}\` explains)`);
  const rows = [...allocs]
    .sort((a, b) => Number(b.DesiredStatus === 'run') - Number(a.DesiredStatus === 'run') || naturalOrder(a.Name, b.Name))
    .slice(0, 200)
    .map((a) => [a.ID.slice(0, 8), a.Name, a.NodeName ?? a.NodeID.slice(0, 8), a.ClientStatus, a.DesiredStatus, age(a.ModifyTime / 1e6, now)]);
  const detail = rows.length ? table(['ALLOC', 'NAME', 'NODE', 'STATUS', 'DESIRED', 'MODIFIED'], rows) : 'No allocations.';
  return { summary: lines.join('\n'), detail, filename: `${job.ID}-status.txt` };
}

/** With declarations in git: "Deployed from main 3f2a1bc “…” (Bob) by op-…", and whether it changed since. */
async function commitLine(job: NomadJob, deps: JobDeps): Promise<string | undefined> {
  if (!deps.declarations?.git) return undefined;
  const d = await deployedCommit(job.ID, deps, job).catch(() => undefined);
  if (!d) return 'Declarations: not deployed from git by the bot (no commit recorded in its job versions).';
  const c = await deps.declarations.git.describe(d.sha).catch(() => undefined);
  const since = d.laterVersions
    ? `; changed since without a deploy (${d.laterVersions} later version${d.laterVersions === 1 ? '' : 's'}, e.g. \`/ci scale\`)`
    : '';
  return `Declarations: deployed from ${c ? commitText(c) : d.sha.slice(0, 7)} in version ${d.version}${d.opId ? ` by ${d.opId}` : ''}${since}.`;
}
