/** Read-only Nomad questions: a task's log, why a job is not placed, the nodes, one node. */
import { z } from 'zod';
import { NomadJobId } from './common.js';

/** An allocation ID or the start of one, as the CLI takes it (`3c1b`, `3c1b0f2e-…`). */
export const AllocRef = z
  .string()
  .min(1)
  .max(36)
  .regex(/^[0-9a-f][0-9a-f-]*$/, 'is not an allocation ID (hex digits and dashes)');

/** A node name (`alibuild05`, `alibuild05.cern.ch`) or the start of its ID. */
export const NodeRef = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'may contain only letters, digits, ".", "_" and "-"');

export const TaskName = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[^\u0000-\u001f`/]+$/);

/** `/ci logs <job|alloc> [--stderr|--stdout] [--task T] [--tail N] [--alloc ID]`. */
export const NomadLogs = z.object({
  kind: z.literal('nomad.logs'),
  v: z.literal(1),
  /** The job whose allocations to choose from (absent when an allocation was named directly). */
  jobId: NomadJobId.optional(),
  /** The allocation (or a prefix of its ID). */
  alloc: AllocRef.optional(),
  task: TaskName.optional(),
  stream: z.enum(['stderr', 'stdout']),
  /** How many of the last lines. */
  tail: z.number().int().min(1).max(10_000),
});
export type NomadLogs = z.infer<typeof NomadLogs>;

/** `/ci why <job>`: blocked evaluations and their failed placements in plain words. */
export const NomadWhy = z.object({ kind: z.literal('nomad.why'), v: z.literal(1), jobId: NomadJobId });
export type NomadWhy = z.infer<typeof NomadWhy>;

/** Node statuses Nomad reports, plus the two states people ask about in the same breath. */
export const NodeStatusFilter = z.enum(['initializing', 'ready', 'down', 'disconnected', 'draining', 'ineligible']);
export type NodeStatusFilter = z.infer<typeof NodeStatusFilter>;

const Label = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/);

/** `/ci nodes [--class C] [--status S] [--datacenter D]`. */
export const NomadNodes = z.object({
  kind: z.literal('nomad.nodes'),
  v: z.literal(1),
  nodeClass: Label.optional(),
  status: NodeStatusFilter.optional(),
  datacenter: Label.optional(),
});
export type NomadNodes = z.infer<typeof NomadNodes>;

/** `/ci node <name>`: one node in detail. */
export const NomadNodeShow = z.object({ kind: z.literal('nomad.node'), v: z.literal(1), node: NodeRef });
export type NomadNodeShow = z.infer<typeof NomadNodeShow>;

/** `/ci diskfree [<node>]`: seed 000's `nomad-diskfree` as a command, with each node's real free space. */
export const NomadDiskfree = z.object({ kind: z.literal('nomad.diskfree'), v: z.literal(1), node: NodeRef.optional() });
export type NomadDiskfree = z.infer<typeof NomadDiskfree>;
