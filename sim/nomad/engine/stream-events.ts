/** Event-stream events (nomad/structs/event.go) for each object type; `Index` is stamped on commit. */
import type { JsonObject, NomadAllocation, NomadEvaluation, NomadJob, NomadNode, NomadStreamEvent } from '../types.js';

type Unstamped = Omit<NomadStreamEvent, 'Index'>;

export const nodeEvent = (type: string, node: NomadNode): Unstamped => ({
  Topic: 'Node',
  Type: type,
  Key: node.ID,
  Namespace: '',
  FilterKeys: null,
  Payload: { Node: structuredClone(node) },
});

export const jobEvent = (type: string, job: NomadJob, deleted = false): Unstamped => ({
  Topic: 'Job',
  Type: type,
  Key: job.ID,
  Namespace: job.Namespace,
  FilterKeys: null,
  Payload: deleted ? { Job: structuredClone(job), Deleted: true } : { Job: structuredClone(job) },
});

export const evalEvent = (type: string, ev: NomadEvaluation): Unstamped => ({
  Topic: 'Evaluation',
  Type: type,
  Key: ev.ID,
  Namespace: ev.Namespace,
  FilterKeys: [ev.JobID, ''],
  Payload: { Evaluation: structuredClone(ev) },
});

/** Allocation payloads carry `"Job": null`, as Nomad strips the job from them. */
export const allocEvent = (type: string, a: NomadAllocation): Unstamped => ({
  Topic: 'Allocation',
  Type: type,
  Key: a.ID,
  Namespace: a.Namespace,
  FilterKeys: [a.JobID, ''],
  // The job is left out before the copy: copying it to throw it away cost most of a big farm's load.
  Payload: { Allocation: structuredClone({ ...a, Job: null }) as unknown as JsonObject },
});
