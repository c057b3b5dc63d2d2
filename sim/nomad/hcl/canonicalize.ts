/**
 * `api.Job.Canonicalize` for the fields our job files use: defaults filled the way the Go API
 * client fills them (Count 1, 300 MB ephemeral disk, 100 MHz / 300 MB resources, 5 s kill
 * timeout, template and Vault defaults). Without canonicalisation, unset job fields are `null`.
 */
type Obj = Record<string, unknown>;

const SECOND = 1_000_000_000;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const objs = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);

/** The top-level fields of `api.Job`, in the order the fixture (jobs-parse-response.json) shows. */
const JOB_FIELDS = [
  'AllAtOnce',
  'Constraints',
  'Affinities',
  'CreateIndex',
  'Datacenters',
  'ID',
  'JobModifyIndex',
  'Meta',
  'Migrate',
  'ModifyIndex',
  'Name',
  'Namespace',
  'NodePool',
  'ParameterizedJob',
  'ParentID',
  'Payload',
  'Periodic',
  'Priority',
  'Region',
  'Reschedule',
  'Stable',
  'Status',
  'StatusDescription',
  'Stop',
  'SubmitTime',
  'TaskGroups',
  'Type',
  'Update',
  'Version',
];

/** Every `api.Job` field present, `null` when the file did not set it (pointers in Go). */
export function withNulls(job: Obj): Obj {
  return Object.fromEntries([...JOB_FIELDS.map((k) => [k, job[k] ?? null]), ...Object.entries(job).filter(([k]) => !JOB_FIELDS.includes(k))]);
}

function restartDefaults(type: string): Obj {
  return type === 'batch'
    ? { Attempts: 3, Interval: 24 * 3600 * SECOND, Delay: 15 * SECOND, Mode: 'fail', RenderTemplates: false }
    : { Attempts: 2, Interval: 1800 * SECOND, Delay: 15 * SECOND, Mode: 'fail', RenderTemplates: false };
}

function canonicalTask(t: Obj, type: string): Obj {
  const res = isObj(t.Resources) ? t.Resources : {};
  const cores = typeof res.Cores === 'number' ? res.Cores : 0;
  return {
    ...t,
    Config: t.Config ?? null,
    Env: t.Env ?? null,
    KillTimeout: t.KillTimeout ?? 5 * SECOND,
    LogConfig: { Disabled: false, MaxFiles: 10, MaxFileSizeMB: 10, ...(isObj(t.LogConfig) ? t.LogConfig : {}) },
    RestartPolicy: { ...restartDefaults(type), ...(isObj(t.RestartPolicy) ? t.RestartPolicy : {}) },
    Resources: { ...res, CPU: res.CPU ?? (cores > 0 ? 0 : 100), Cores: cores, MemoryMB: res.MemoryMB ?? 300 },
    ...(t.Templates
      ? {
          Templates: objs(t.Templates).map((x) => ({
            SourcePath: '',
            DestPath: '',
            EmbeddedTmpl: '',
            ChangeMode: 'restart',
            ChangeSignal: '',
            Splay: 5 * SECOND,
            Perms: '0644',
            LeftDelim: '{{',
            RightDelim: '}}',
            Envvars: false,
            ...x,
          })),
        }
      : {}),
    ...(isObj(t.Vault)
      ? { Vault: { Policies: [], Role: '', ChangeMode: 'restart', ChangeSignal: '', Env: true, DisableFile: false, Namespace: '', ...t.Vault } }
      : {}),
    ...(t.Services ? { Services: objs(t.Services).map(canonicalService) } : {}),
  };
}

function canonicalService(s: Obj): Obj {
  return {
    Provider: 'consul',
    AddressMode: 'auto',
    ...s,
    ...(s.Checks ? { Checks: objs(s.Checks).map((c) => ({ Name: `service: "${String(s.Name ?? '')}" check`, ...c })) } : {}),
  };
}

function canonicalGroup(g: Obj, type: string): Obj {
  const disk = isObj(g.EphemeralDisk) ? g.EphemeralDisk : {};
  return {
    ...g,
    Count: g.Count ?? 1,
    EphemeralDisk: { Sticky: false, Migrate: false, SizeMB: 300, ...disk },
    RestartPolicy: { ...restartDefaults(type), ...(isObj(g.RestartPolicy) ? g.RestartPolicy : {}) },
    Tasks: objs(g.Tasks).map((t) => canonicalTask(t, type)),
    ...(g.Services ? { Services: objs(g.Services).map(canonicalService) } : {}),
  };
}

export function canonicalize(job: Obj): Obj {
  const type = typeof job.Type === 'string' ? job.Type : 'service';
  return withNulls({
    AllAtOnce: false,
    CreateIndex: 0,
    JobModifyIndex: 0,
    ModifyIndex: 0,
    Namespace: 'default',
    NodePool: 'default',
    ParentID: '',
    Priority: 50,
    Region: 'global',
    Stable: false,
    Status: '',
    StatusDescription: '',
    Stop: false,
    Version: 0,
    ...job,
    Type: type,
    TaskGroups: objs(job.TaskGroups).map((g) => canonicalGroup(g, type)),
  });
}
