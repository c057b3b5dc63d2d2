/** Read-only requests: no approval, answered to the person who asked (design §3, last paragraph). */
import { z } from 'zod';
import { NomadDeclaredPlan, NomadDrift } from './nomad-deploy.js';
import { NomadJobId, OpId } from './common.js';
import { NomadDiskfree, NomadLogs, NomadNodeShow, NomadNodes, NomadWhy } from './nomad-inspect.js';
import { VmList, VmShow } from './vm.js';

export const NomadStatus = z.object({
  kind: z.literal('nomad.status'),
  v: z.literal(1),
  /** Absent: every job. */
  jobId: NomadJobId.optional(),
});
export type NomadStatus = z.infer<typeof NomadStatus>;

/** `/ci history [job|node|user]`: the audit trail, newest first. */
export const AuditHistory = z.object({
  kind: z.literal('audit.history'),
  v: z.literal(1),
  target: z.string().max(128).optional(),
  userId: z.string().max(32).optional(),
});
export type AuditHistory = z.infer<typeof AuditHistory>;

/** `/ci whoami`: what the asker may request and approve, here. */
export const WhoAmI = z.object({ kind: z.literal('access.whoami'), v: z.literal(1) });
export type WhoAmI = z.infer<typeof WhoAmI>;

/** `/ci alerts`: what fires, what is silenced or held back, and the silences. */
export const AlertsList = z.object({ kind: z.literal('alerts.list'), v: z.literal(1) });
export type AlertsList = z.infer<typeof AlertsList>;

/** `/ci silence <alert|pattern> <duration> [reason]`: no approval (it changes what Slack shows, not the farm). */
export const AlertsSilence = z.object({
  kind: z.literal('alerts.silence'),
  v: z.literal(1),
  target: z.string().min(1).max(200),
  durationMs: z
    .number()
    .int()
    .min(60_000)
    .max(30 * 86_400_000),
  reason: z.string().max(300),
  /** Silence even though it matches no alert now (one that may come). */
  anyway: z.boolean().optional(),
});
export type AlertsSilence = z.infer<typeof AlertsSilence>;

/** `/ci masters`: the master checklist (Nomad, Consul, Vault servers). */
export const MastersStatus = z.object({ kind: z.literal('masters.status'), v: z.literal(1) });
export type MastersStatus = z.infer<typeof MastersStatus>;

/** `/ci policy`: what the self-healing policy may do by itself, and what it did in the last day (issue 17.6). */
export const PolicyShow = z.object({ kind: z.literal('policy.show'), v: z.literal(1) });
export type PolicyShow = z.infer<typeof PolicyShow>;

export const ReadRequest = z.discriminatedUnion('kind', [
  MastersStatus,
  PolicyShow,
  AlertsList,
  AlertsSilence,
  NomadStatus,
  AuditHistory,
  WhoAmI,
  VmList,
  VmShow,
  NomadLogs,
  NomadWhy,
  NomadNodes,
  NomadNodeShow,
  NomadDiskfree,
  NomadDeclaredPlan,
  NomadDrift,
]);
export type ReadRequest = z.infer<typeof ReadRequest>;
export type ReadKind = ReadRequest['kind'];

export const ReadEnvelope = z.object({
  opId: OpId,
  requestedBy: z.object({ userId: z.string(), channelId: z.string(), responseUrl: z.string().url().optional() }),
  requestedAt: z.string(),
  request: ReadRequest,
});
export type ReadEnvelope = z.infer<typeof ReadEnvelope>;

/** A read-only answer: a short summary always; `detail` in the message when it fits, else as a file. */
export const ReadReply = z.object({
  summary: z.string(),
  /** Monospace text (tables, logs); goes in a code block, or in a file when too long. */
  detail: z.string().optional(),
  /** File name to use when `detail` has to go as a file. */
  filename: z.string().optional(),
  /** Which end of `detail` matters when only part of it can be shown (a log's is its end). Default start. */
  keep: z.enum(['start', 'end']).optional(),
  /** Buttons offered under the answer (e.g. pick an allocation). */
  choices: z.array(z.object({ label: z.string(), command: z.string() })).optional(),
});
export type ReadReply = z.infer<typeof ReadReply>;
