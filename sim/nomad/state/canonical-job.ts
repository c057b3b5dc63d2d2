/** Fills the defaults Nomad's `Job.Canonicalize` would, so stored jobs look like real reads. */
import type { JsonObject, NomadJob, NomadTask, NomadTaskGroup } from '../types.js';

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown, dflt: number): number => (typeof v === 'number' ? v : dflt);
const str = (v: unknown, dflt: string): string => (typeof v === 'string' && v !== '' ? v : dflt);

function canonicalTask(raw: JsonObject): NomadTask {
  const res = isObject(raw.Resources) ? raw.Resources : {};
  const cores = num(res.Cores, 0);
  return {
    ...raw,
    Name: str(raw.Name, ''),
    Driver: str(raw.Driver, ''),
    Config: isObject(raw.Config) ? raw.Config : null,
    Env: isObject(raw.Env) ? (raw.Env as Record<string, string>) : null,
    KillTimeout: num(raw.KillTimeout, 5_000_000_000),
    LogConfig: isObject(raw.LogConfig) ? raw.LogConfig : { Disabled: false, MaxFiles: 10, MaxFileSizeMB: 10 },
    Resources: { ...res, CPU: cores > 0 ? num(res.CPU, 0) : num(res.CPU, 100), Cores: cores, MemoryMB: num(res.MemoryMB, 300) },
  };
}

function canonicalGroup(raw: JsonObject): NomadTaskGroup {
  const disk = isObject(raw.EphemeralDisk) ? raw.EphemeralDisk : {};
  const tasks = Array.isArray(raw.Tasks) ? raw.Tasks.filter(isObject).map(canonicalTask) : [];
  return {
    ...raw,
    Name: str(raw.Name, ''),
    Count: num(raw.Count, 1),
    Tasks: tasks,
    EphemeralDisk: { Sticky: disk.Sticky === true, Migrate: disk.Migrate === true, SizeMB: num(disk.SizeMB, 300) },
  };
}

/** A stored job: defaults filled, server fields (indexes, status) reset for the caller to set. */
export function canonicalJob(raw: JsonObject): NomadJob {
  const id = str(raw.ID, '');
  return {
    ...raw,
    ID: id,
    Name: str(raw.Name, id),
    Namespace: str(raw.Namespace, 'default'),
    Region: str(raw.Region, 'global'),
    Type: str(raw.Type, 'service'),
    Priority: num(raw.Priority, 50),
    AllAtOnce: raw.AllAtOnce === true,
    Datacenters: Array.isArray(raw.Datacenters) && raw.Datacenters.length > 0 ? (raw.Datacenters as string[]) : ['*'],
    NodePool: str(raw.NodePool, 'default'),
    ParentID: str(raw.ParentID, ''),
    TaskGroups: Array.isArray(raw.TaskGroups) ? raw.TaskGroups.filter(isObject).map(canonicalGroup) : [],
    Stop: raw.Stop === true,
    Status: '',
    StatusDescription: '',
    Version: 0,
    Stable: false,
    SubmitTime: 0,
    CreateIndex: 0,
    ModifyIndex: 0,
    JobModifyIndex: 0,
  };
}

/** Fields the server owns; a change in them alone is not a spec change (`Job.SpecChanged`). */
const SERVER_FIELDS = new Set(['Status', 'StatusDescription', 'Version', 'Stable', 'SubmitTime', 'CreateIndex', 'ModifyIndex', 'JobModifyIndex']);

export function specChanged(a: NomadJob, b: NomadJob): boolean {
  const strip = (j: NomadJob) => JSON.stringify(sortKeys(Object.fromEntries(Object.entries(j).filter(([k]) => !SERVER_FIELDS.has(k)))));
  return strip(a) !== strip(b);
}

/** Deep copy with object keys sorted, for order-independent comparison. */
export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (isObject(v))
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sortKeys(v[k])]),
    );
  return v;
}

export const deepEqual = (a: unknown, b: unknown): boolean => JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
