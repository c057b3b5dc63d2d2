/**
 * Consul HTTP API objects we read (api-docs: status, agent, operator/raft, health), named after
 * consul/api's Go types. Unknown fields pass through untouched; only what we use is required.
 */
import { z } from 'zod';

/** GET /v1/status/leader: "ip:port" of the raft leader, "" while there is none. */
export const ConsulLeader = z.string();

/** GET /v1/status/peers: "ip:port" of every raft peer. */
export const ConsulPeers = z.array(z.string());

/** serf member status (serf.MemberStatus). */
export const ConsulMemberStatus = { none: 0, alive: 1, leaving: 2, left: 3, failed: 4 } as const;
export type ConsulMemberStatusName = keyof typeof ConsulMemberStatus;

/** AgentMember: one LAN gossip member as this agent sees it. */
export const ConsulMember = z.object({
  Name: z.string(),
  Addr: z.string(),
  Port: z.number().int(),
  /** `role` is "consul" for servers and "node" for client agents; `dc`, `build`, `port`, ... */
  Tags: z
    .record(z.string(), z.string())
    .nullish()
    .transform((t) => t ?? {}),
  Status: z.number().int(),
  ProtocolMin: z.number().int().optional(),
  ProtocolMax: z.number().int().optional(),
  ProtocolCur: z.number().int().optional(),
  DelegateMin: z.number().int().optional(),
  DelegateMax: z.number().int().optional(),
  DelegateCur: z.number().int().optional(),
});
export type ConsulMember = z.infer<typeof ConsulMember>;
export const ConsulMemberList = z
  .array(ConsulMember)
  .nullable()
  .transform((l) => l ?? []);

/** RaftServer in GET /v1/operator/raft/configuration. */
export const ConsulRaftServer = z.object({
  ID: z.string(),
  /** Node name, or "(unknown)" when the server is stale. */
  Node: z.string(),
  Address: z.string(),
  Leader: z.boolean(),
  Voter: z.boolean(),
  ProtocolVersion: z.string().optional(),
});
export type ConsulRaftServer = z.infer<typeof ConsulRaftServer>;

/** RaftConfiguration. */
export const ConsulRaftConfiguration = z.object({
  Servers: z.array(ConsulRaftServer),
  Index: z.number().int(),
});
export type ConsulRaftConfiguration = z.infer<typeof ConsulRaftConfiguration>;

export const ConsulCheckStatus = z.enum(['passing', 'warning', 'critical', 'maintenance']);

/** HealthCheck: a node check (`serfHealth`) or a service check. */
export const ConsulHealthCheck = z.object({
  Node: z.string(),
  CheckID: z.string(),
  Name: z.string(),
  Status: ConsulCheckStatus,
  Notes: z.string().optional(),
  Output: z.string().optional(),
  ServiceID: z.string().optional(),
  ServiceName: z.string().optional(),
});
export type ConsulHealthCheck = z.infer<typeof ConsulHealthCheck>;

/** Node inside a ServiceEntry. */
export const ConsulNode = z.object({
  ID: z.string().optional(),
  Node: z.string(),
  Address: z.string(),
  Datacenter: z.string().optional(),
});

/** AgentService inside a ServiceEntry. */
export const ConsulAgentService = z.object({
  ID: z.string(),
  Service: z.string(),
  Tags: z
    .array(z.string())
    .nullish()
    .transform((t) => t ?? []),
  Address: z.string().optional(),
  Port: z.number().int(),
});

/** ServiceEntry: GET /v1/health/service/:service returns a list of these. */
export const ConsulServiceEntry = z.object({
  Node: ConsulNode,
  Service: ConsulAgentService,
  Checks: z
    .array(ConsulHealthCheck)
    .nullish()
    .transform((c) => c ?? []),
});
export type ConsulServiceEntry = z.infer<typeof ConsulServiceEntry>;
export const ConsulServiceEntryList = z
  .array(ConsulServiceEntry)
  .nullable()
  .transform((l) => l ?? []);
