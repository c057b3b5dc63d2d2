/**
 * ACL enforcement as far as the bot needs it: a token table of management / write / read
 * tokens, read from `X-Nomad-Token` or `Authorization: Bearer` (parseToken), 403 texts of wrap().
 */
import type { SimRequest } from '../../http/server.js';
import { NomadHttpError } from './errors.js';

export type AclPolicy = 'management' | 'write' | 'read';
export type AclNeed = 'read' | 'write' | 'management';

export interface AclConfig {
  tokens: Record<string, AclPolicy>;
}

/** The secret ID a request carries, or '' for anonymous. X-Nomad-Token wins. */
export function requestToken(req: SimRequest): string {
  const header = req.headers['x-nomad-token'];
  const direct = (Array.isArray(header) ? header[0] : header)?.trim();
  if (direct) return direct;
  const auth = req.headers.authorization?.trim() ?? '';
  const m = /^bearer\s+(\S+)/i.exec(auth);
  return m?.[1] ?? '';
}

const RANK: Record<AclPolicy, number> = { read: 1, write: 2, management: 3 };

/** Throws the 403 Nomad would answer when ACLs are on and the token does not allow `need`. */
export function enforceAcl(acl: AclConfig | undefined, req: SimRequest, need: AclNeed): void {
  if (!acl) return;
  const token = requestToken(req);
  if (token === '') throw new NomadHttpError(403, 'Permission denied');
  const policy = acl.tokens[token];
  if (!policy) throw new NomadHttpError(403, 'ACL token not found');
  if (RANK[policy] < RANK[need]) throw new NomadHttpError(403, 'Permission denied');
}
