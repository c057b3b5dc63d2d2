/** Reusable zod atoms of the shared vocabulary. Imports zod only (design §2). */
import { z } from 'zod';

/** `op-` + lowercase base36: also the BullMQ job id (no ':' and never all digits). */
export const OpId = z.string().regex(/^op-[a-z0-9]+(?:-[a-z0-9]+)*$/);
export type OpId = z.infer<typeof OpId>;

export const SlackUserId = z.string().regex(/^[UW][A-Z0-9]{2,}$/);
/** A self-healing policy as the requester of what it does by itself (issue 17.6): `policy:<name>`. */
export const PolicyPrincipal = z.string().regex(/^policy:[a-z0-9][a-z0-9-]{0,39}$/);
export const isPolicyPrincipal = (id: string): boolean => id.startsWith('policy:');

export const SlackChannelId = z.string().regex(/^[CDG][A-Z0-9]{2,}$/);

/**
 * A Nomad job ID as our users type it. Nomad allows almost anything; we accept the characters
 * job declarations use, so a path or a shell fragment never reaches a URL or a file name.
 */
export const NomadJobId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'may contain only letters, digits, ".", "_" and "-"');

/** The classes of commands the access policy speaks about (issue 7). */
export const CommandClass = z.enum(['read', 'nomad-mutate', 'node', 'vm', 'destructive']);
export type CommandClass = z.infer<typeof CommandClass>;
