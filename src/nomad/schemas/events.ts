import { z } from 'zod';

/** One event of `/v1/event/stream` (nomad/structs/event.go). Node events have Namespace "". */
export const NomadEvent = z.looseObject({
  Topic: z.string(),
  Type: z.string(),
  Key: z.string(),
  Namespace: z.string().nullish(),
  FilterKeys: z.array(z.string()).nullish(),
  Index: z.number().int(),
  Payload: z.record(z.string(), z.unknown()),
});
export type NomadEvent = z.infer<typeof NomadEvent>;

/** One NDJSON line: `{}` is the heartbeat, sent on connect and every 30 s. */
export const NomadEventFrame = z.looseObject({
  Index: z.number().int().optional(),
  Events: z.array(NomadEvent).optional(),
});
export type NomadEventFrame = z.infer<typeof NomadEventFrame>;
