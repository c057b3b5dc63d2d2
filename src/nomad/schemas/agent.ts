/** The servers' side: `GET /v1/agent/members`, `/v1/status/leader`, `/v1/status/peers`. */
import { z } from 'zod';

/** One `GET /v1/agent/members` entry; `Name` is `<node>.<region>`, `Status` alive/failed/left. */
export const NomadAgentMember = z.looseObject({
  Name: z.string(),
  Addr: z.string(),
  Port: z.number().int(),
  Status: z.string(),
  Tags: z.record(z.string(), z.string()).nullish(),
});
export type NomadAgentMember = z.infer<typeof NomadAgentMember>;

export const NomadAgentMembers = z.looseObject({
  ServerName: z.string().optional(),
  ServerRegion: z.string().optional(),
  Members: z.array(NomadAgentMember),
});
export type NomadAgentMembers = z.infer<typeof NomadAgentMembers>;

/** `ip:port` of the Raft leader; Nomad answers `""` while there is none. */
export const NomadLeader = z.string();
export const NomadPeers = z.array(z.string());
