/**
 * Consul ACLs with a default-deny policy: a token is a SecretID mapped to what it may read.
 * Texts and status codes are Consul's (acl/errors.go): 403 "ACL not found" for an unknown token,
 * 403 "Permission denied: ... lacks permission '...'" for a missing right; lists are filtered.
 */
import type { ServerResponse } from 'node:http';
import { sendText, type SimRequest } from '../http/server.js';

export interface ConsulAclToken {
  accessorId: string;
  operatorRead?: boolean;
  nodeRead?: boolean;
  serviceRead?: boolean;
}

export interface ConsulAclOptions {
  /** By SecretID (what clients send as X-Consul-Token). */
  tokens: Record<string, ConsulAclToken>;
}

export const ANONYMOUS_TOKEN_ID = '00000000-0000-0000-0000-000000000002';
export type ConsulRight = 'operator:read' | 'node:read' | 'service:read';

export class ConsulAcl {
  constructor(private readonly opts: ConsulAclOptions | undefined) {}

  /** The caller's token, or undefined after answering 403 "ACL not found". */
  resolve(req: SimRequest, res: ServerResponse): ConsulAclToken | undefined {
    if (!this.opts) return { accessorId: ANONYMOUS_TOKEN_ID, operatorRead: true, nodeRead: true, serviceRead: true };
    const secret = presentedToken(req);
    if (!secret) return { accessorId: ANONYMOUS_TOKEN_ID };
    const token = this.opts.tokens[secret];
    if (!token) sendText(res, 403, 'ACL not found');
    return token;
  }

  /** Answers 403 and returns false when `token` lacks `right`. */
  require(token: ConsulAclToken, right: ConsulRight, res: ServerResponse): boolean {
    if (allows(token, right)) return true;
    sendText(res, 403, permissionDenied(token, right));
    return false;
  }
}

export function allows(token: ConsulAclToken, right: ConsulRight): boolean {
  if (right === 'operator:read') return token.operatorRead === true;
  if (right === 'node:read') return token.nodeRead === true;
  return token.serviceRead === true;
}

function permissionDenied(token: ConsulAclToken, right: ConsulRight): string {
  if (token.accessorId === ANONYMOUS_TOKEN_ID) {
    return `Permission denied: anonymous token lacks permission '${right}'. The anonymous token is used implicitly when a request does not specify a token.`;
  }
  return `Permission denied: token with AccessorID '${token.accessorId}' lacks permission '${right}'`;
}

function presentedToken(req: SimRequest): string | undefined {
  const header = req.headers['x-consul-token'];
  if (typeof header === 'string' && header) return header;
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('Bearer ')) return auth.slice(7);
  return req.query.get('token') ?? undefined;
}
