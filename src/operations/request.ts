/** Every queued operation and the envelope that travels through Redis. */
import { z } from 'zod';
import { type CommandClass, OpId, PolicyPrincipal, SlackChannelId, SlackUserId } from './common.js';
import { NomadScale } from './nomad-scale.js';
import { NomadDeploy, NomadRedeploy, NomadStop } from './nomad-deploy.js';
import { NomadRestart } from './nomad-restart.js';
import { NodeCleanup, NodeDrain, NodeEligibility, NodeUndrain } from './node-ops.js';
import { NodeRetire, VmCreate, VmDelete, VmReboot, VmRebuild } from './vm.js';

export const OperationRequest = z.discriminatedUnion('kind', [
  NomadScale,
  VmReboot,
  VmRebuild,
  VmCreate,
  VmDelete,
  NodeRetire,
  NomadRestart,
  NodeDrain,
  NodeUndrain,
  NodeEligibility,
  NodeCleanup,
  NomadDeploy,
  NomadStop,
  NomadRedeploy,
]);
export type OperationRequest = z.infer<typeof OperationRequest>;
export type OperationKind = OperationRequest['kind'];

/** Who may ask for and approve each kind (config speaks in classes, not kinds). */
export const OPERATION_CLASS: Record<OperationKind, CommandClass> = {
  'nomad.scale': 'nomad-mutate',
  'vm.reboot': 'vm',
  'vm.rebuild': 'vm',
  'vm.create': 'vm',
  'vm.delete': 'destructive',
  'node.retire': 'destructive',
  'nomad.restart': 'nomad-mutate',
  'node.drain': 'node',
  'node.undrain': 'node',
  'node.eligibility': 'node',
  'node.cleanup': 'node',
  'nomad.deploy': 'nomad-mutate',
  'nomad.stop': 'nomad-mutate',
  'nomad.redeploy': 'nomad-mutate',
};

export const Requester = z.object({
  /** A person, or a self-healing policy (`policy:<name>`) for what it requests by itself. */
  userId: z.union([SlackUserId, PolicyPrincipal]),
  channelId: SlackChannelId,
  /** Slack's response_url for ephemeral follow-ups (valid 30 min, 5 uses). */
  responseUrl: z.string().url().optional(),
});
export type Requester = z.infer<typeof Requester>;

/** What actually travels through Redis: the request plus who/where and the correlation id. */
export const OperationEnvelope = z.object({
  opId: OpId,
  requestedBy: Requester,
  /** ISO timestamp, set by the Slack adapter. */
  requestedAt: z.string(),
  operation: OperationRequest,
  /** How people read it, e.g. "scale ci-mesosci-cs8 to 10" (set by the job module when queued). */
  title: z.string().max(300).optional(),
  /** Present when the requester used `--break-glass "<reason>"`: freeze lifted, self-approval allowed, announced. */
  breakGlass: z.object({ reason: z.string().min(1).max(500) }).optional(),
  /**
   * Requested by a self-healing policy (`remediation.auto`) for an alert: approved by the policy as
   * soon as it is planned, and announced in the alert's thread (issue 17.6).
   */
  auto: z
    .object({
      policy: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/),
      alertKey: z.string().max(300),
      thread: z.object({ channel: z.string(), ts: z.string() }).optional(),
    })
    .optional(),
  /** The operation this one re-plans after a stale plan, if any. */
  replaces: OpId.optional(),
});
export type OperationEnvelope = z.infer<typeof OperationEnvelope>;
