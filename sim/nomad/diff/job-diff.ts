/**
 * `existingJob.Diff(newJob, contextual=true)` plus `scheduler.Annotate`: the JobDiff of a plan,
 * with TaskGroupDiff.Updates from DesiredTGUpdates and the "forces ..." annotations.
 */
import type { DesiredUpdates } from '../scheduler/reconcile.js';
import type { JsonObject, NomadJob, NomadTask, NomadTaskGroup } from '../types.js';
import { byName, objectType, structDiff, type DiffType, type FieldDiff, type ObjectDiff } from './generic.js';

export interface TaskDiff {
  Type: DiffType;
  Name: string;
  Fields: FieldDiff[] | null;
  Objects: ObjectDiff[] | null;
  Annotations: string[] | null;
}

export interface TaskGroupDiff {
  Type: DiffType;
  Name: string;
  Fields: FieldDiff[] | null;
  Objects: ObjectDiff[] | null;
  Tasks: TaskDiff[] | null;
  Updates: Record<string, number> | null;
}

export interface JobDiff {
  Type: DiffType;
  ID: string;
  Fields: FieldDiff[] | null;
  Objects: ObjectDiff[] | null;
  TaskGroups: TaskGroupDiff[] | null;
}

/** The job fields `Job.Diff` ignores, plus the task groups (diffed on their own). */
const JOB_SKIP = new Set([
  'ID',
  'Status',
  'StatusDescription',
  'Version',
  'Stable',
  'CreateIndex',
  'ModifyIndex',
  'JobModifyIndex',
  'Update',
  'SubmitTime',
  'NomadTokenID',
  'VaultToken',
  'TaskGroups',
]);
const GROUP_SKIP = new Set(['Name', 'Tasks']);
const TASK_SKIP = new Set(['Name']);

/** DesiredUpdates field → TaskGroupDiff.Updates key (scheduler/annotate.go). */
const UPDATE_KEYS: Array<[keyof DesiredUpdates, string]> = [
  ['Ignore', 'ignore'],
  ['Place', 'create'],
  ['Migrate', 'migrate'],
  ['Stop', 'destroy'],
  ['Canary', 'canary'],
  ['InPlaceUpdate', 'in-place update'],
  ['DestructiveUpdate', 'create/destroy update'],
];

const orNull = <T>(xs: T[]): T[] | null => (xs.length > 0 ? xs : null);
/**
 * Job, group and task primitive fields are diffed non-contextually by Nomad: the verbatim
 * `nomad job plan` samples print no unchanged `Driver:` or `Name:` lines at those levels.
 */
const changedOnly = (fields: FieldDiff[]) => fields.filter((f) => f.Type !== 'None');
const asJson = (v: unknown) => v as JsonObject | undefined;

function annotateTask(diff: TaskDiff, groupType: DiffType): void {
  if (diff.Type === 'None') return;
  if ((groupType === 'Added' || groupType === 'Deleted') && (diff.Type === 'Added' || diff.Type === 'Deleted')) {
    diff.Annotations = [diff.Type === 'Added' ? 'forces create' : 'forces destroy'];
    return;
  }
  const changedField = (diff.Fields ?? []).some((f) => f.Type !== 'None' && f.Name !== 'KillTimeout');
  const changedObject = (diff.Objects ?? []).some((o) => {
    if (o.Type === 'None') return false;
    if (['Service', 'Constraint', 'Affinity', 'Spread'].includes(o.Name)) return false;
    if (o.Name === 'LogConfig') return (o.Fields ?? []).some((f) => f.Name === 'Disabled' && f.Type !== 'None');
    return true;
  });
  diff.Annotations = [changedField || changedObject ? 'forces create/destroy update' : 'forces in-place update'];
}

function taskDiff(o: NomadTask | undefined, n: NomadTask | undefined, groupType: DiffType): TaskDiff | undefined {
  const diffed = structDiff(asJson(o), asJson(n), TASK_SKIP, true);
  const fields = changedOnly(diffed.fields);
  const objects = diffed.objects;
  const type = objectType(o, n, [...fields, ...objects]);
  const diff: TaskDiff = { Type: type, Name: (n ?? o)?.Name ?? '', Fields: orNull(fields), Objects: orNull(objects), Annotations: null };
  annotateTask(diff, groupType);
  return diff;
}

function groupDiff(o: NomadTaskGroup | undefined, n: NomadTaskGroup | undefined, desired: DesiredUpdates | undefined): TaskGroupDiff {
  const diffed = structDiff(asJson(o), asJson(n), GROUP_SKIP, true);
  const fields = changedOnly(diffed.fields);
  const objects = diffed.objects;
  const names = [...new Set([...(o?.Tasks ?? []), ...(n?.Tasks ?? [])].map((t) => t.Name))].sort();
  // Only Added/Deleted matter to task annotations, and those depend on presence alone.
  const provisional = objectType(o, n, [...fields, ...objects]);
  const tasks: TaskDiff[] = [];
  for (const name of names) {
    const t = taskDiff(
      o?.Tasks.find((x) => x.Name === name),
      n?.Tasks.find((x) => x.Name === name),
      provisional,
    );
    if (t) tasks.push(t);
  }
  const type = objectType(o, n, [...fields, ...objects, ...tasks]);
  const count = fields.find((f) => f.Name === 'Count');
  if (count && count.Type === 'Edited') {
    const delta = Number(count.New) - Number(count.Old);
    if (delta > 0) count.Annotations = ['forces create'];
    if (delta < 0) count.Annotations = ['forces destroy'];
  }
  const updates: Record<string, number> = {};
  for (const [field, key] of UPDATE_KEYS) if (desired && desired[field] > 0) updates[key] = desired[field];
  return {
    Type: type,
    Name: (n ?? o)?.Name ?? '',
    Fields: orNull(fields),
    Objects: orNull(objects),
    Tasks: orNull(tasks),
    Updates: Object.keys(updates).length > 0 ? updates : null,
  };
}

/** The contextual, annotated diff of `newJob` against the server's `oldJob` (undefined when new). */
export function jobDiff(oldJob: NomadJob | undefined, newJob: NomadJob, desired: Record<string, DesiredUpdates>): JobDiff {
  const diffed = structDiff(asJson(oldJob), asJson(newJob), JOB_SKIP, true);
  const fields = changedOnly(diffed.fields);
  const objects = diffed.objects;
  const names = [...new Set([...(oldJob?.TaskGroups ?? []), ...newJob.TaskGroups].map((g) => g.Name))];
  const groups = names
    .map((name) =>
      groupDiff(
        oldJob?.TaskGroups.find((g) => g.Name === name),
        newJob.TaskGroups.find((g) => g.Name === name),
        desired[name],
      ),
    )
    .sort(byName);
  return {
    Type: objectType(oldJob, newJob, [...fields, ...objects, ...groups]),
    ID: newJob.ID,
    Fields: orNull(fields),
    Objects: orNull(objects),
    TaskGroups: orNull(groups),
  };
}
