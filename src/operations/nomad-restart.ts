import { z } from 'zod';
import { AllocRef, TaskName } from './nomad-inspect.js';

/** `/ci restart <alloc> [--task T]`: restart the tasks of one allocation in place (`nomad alloc restart`). */
export const NomadRestart = z.object({
  kind: z.literal('nomad.restart'),
  v: z.literal(1),
  alloc: AllocRef,
  /** Absent: every running task of the allocation. */
  task: TaskName.optional(),
});
export type NomadRestart = z.infer<typeof NomadRestart>;
