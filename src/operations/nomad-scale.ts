import { z } from 'zod';
import { NomadJobId } from './common.js';

/** `/ci scale <instance|job> <count>`: set one task group's count (like `nomad job scale`). */
export const NomadScale = z.object({
  kind: z.literal('nomad.scale'),
  /** Bump and add a union member when the shape changes: queued envelopes outlive deploys. */
  v: z.literal(1),
  jobId: NomadJobId,
  /** The task group; resolved by the bot when the job has exactly one group. */
  group: z.string().min(1).max(128),
  count: z.number().int().min(0).max(10_000),
  /** What the person typed, for messages ("mesosci-cs8"). */
  typed: z.string().max(200),
});
export type NomadScale = z.infer<typeof NomadScale>;
