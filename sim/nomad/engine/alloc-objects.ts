/** Allocation objects as Nomad's state store holds them, and their task-state transitions. */
import { nowNanos, nowRfc3339 } from '../ids.js';
import { metricToWire } from '../scheduler/metrics.js';
import type { Placement } from '../scheduler/reconcile.js';
import type { JsonObject, NomadAllocation, NomadJob, NomadTaskState } from '../types.js';

/** api.TaskEvent with every field, as the client sends them. */
export function taskEvent(type: string, displayMessage: string, extra: JsonObject = {}): JsonObject {
  return {
    Type: type,
    Time: nowNanos(),
    DisplayMessage: displayMessage,
    Details: {},
    Message: '',
    FailsTask: false,
    RestartReason: '',
    SetupError: '',
    DriverError: '',
    DriverMessage: '',
    ExitCode: 0,
    Signal: 0,
    KillTimeout: 0,
    KillError: '',
    KillReason: '',
    StartDelay: 0,
    DownloadError: '',
    ValidationError: '',
    DiskLimit: 0,
    FailedSibling: '',
    VaultError: '',
    TaskSignalReason: '',
    TaskSignal: '',
    GenericSource: '',
    ...extra,
  };
}

/**
 * `jobCopy` is the job as the plan placed it: Nomad's plan applier gives every allocation of one
 * plan the same Job pointer (nomad/plan_apply.go), so callers placing many pass one copy (a farm
 * of 200,000 allocations would otherwise hold 200,000 copies of a few jobs).
 */
export function newAllocation(
  id: string,
  evalId: string,
  job: NomadJob,
  p: Placement,
  index: number,
  jobCopy: NomadJob = structuredClone(job),
): NomadAllocation {
  const now = nowNanos();
  const tasks: Record<string, JsonObject> = {};
  const states: Record<string, NomadTaskState> = {};
  let coreCursor = 0;
  for (const t of p.tg.Tasks) {
    const cores = t.Resources?.Cores ?? 0;
    const reserved = p.cores.slice(coreCursor, coreCursor + cores);
    coreCursor += cores;
    const cpu = cores > 0 ? Math.round((p.ask.cpu / Math.max(1, p.ask.cores)) * cores) : (t.Resources?.CPU ?? 100);
    tasks[t.Name] = {
      Cpu: { CpuShares: cpu, ReservedCores: reserved.length > 0 ? reserved : null },
      Memory: { MemoryMB: t.Resources?.MemoryMB ?? 300, MemoryMaxMB: 0 },
      Networks: null,
      Devices: null,
    };
    states[t.Name] = {
      State: 'pending',
      Failed: false,
      Restarts: 0,
      LastRestart: null,
      StartedAt: null,
      FinishedAt: null,
      Events: [taskEvent('Received', 'Task received by client')],
    };
  }
  return {
    ID: id,
    Namespace: job.Namespace,
    EvalID: evalId,
    Name: p.name,
    NodeID: p.node.ID,
    NodeName: p.node.Name,
    JobID: job.ID,
    JobType: job.Type,
    JobVersion: job.Version,
    Job: jobCopy,
    TaskGroup: p.tg.Name,
    AllocatedResources: {
      Tasks: tasks,
      TaskLifecycles: Object.fromEntries(p.tg.Tasks.map((t) => [t.Name, null])),
      Shared: { DiskMB: p.ask.diskMB, Networks: null, Ports: null },
    },
    Metrics: metricToWire(p.metric),
    DesiredStatus: 'run',
    DesiredDescription: '',
    ClientStatus: 'pending',
    ClientDescription: 'No tasks have started',
    TaskStates: states,
    PreviousAllocation: p.previous?.ID ?? '',
    NextAllocation: '',
    FollowupEvalID: '',
    CreateIndex: index,
    ModifyIndex: index,
    AllocModifyIndex: index,
    CreateTime: now,
    ModifyTime: now,
  };
}

/** The client reports the tasks started. */
export function markRunning(a: NomadAllocation, index: number): void {
  const started = nowRfc3339();
  for (const s of Object.values(a.TaskStates)) {
    s.State = 'running';
    s.StartedAt = started;
    s.Events.push(taskEvent('Task Setup', 'Building Task Directory', { Message: 'Building Task Directory' }));
    s.Events.push(taskEvent('Started', 'Task started by client'));
  }
  a.ClientStatus = 'running';
  a.ClientDescription = 'Tasks are running';
  a.ModifyIndex = index;
  a.ModifyTime = nowNanos();
}

/** The client reports the tasks stopped (after a desired stop) or the server marks them lost. */
export function markFinished(a: NomadAllocation, index: number, clientStatus: 'complete' | 'lost' | 'failed'): void {
  const finished = nowRfc3339();
  for (const s of Object.values(a.TaskStates)) {
    if (s.State !== 'dead') {
      s.State = 'dead';
      s.FinishedAt = finished;
      if (clientStatus === 'complete') {
        s.Events.push(taskEvent('Killing', 'Sent interrupt. Waiting 5s before force killing', { KillTimeout: 5_000_000_000 }));
        s.Events.push(taskEvent('Killed', 'Task successfully killed'));
      }
    }
  }
  a.ClientStatus = clientStatus;
  a.ClientDescription = clientStatus === 'complete' ? 'All tasks have completed' : 'alloc is lost since its node is down';
  a.ModifyIndex = index;
  a.ModifyTime = nowNanos();
}
