/** What every route needs, and the wrapper that enforces ACLs and turns errors into plain text. */
import type { ServerResponse } from 'node:http';
import type { SimHandler, SimRequest } from '../../http/server.js';
import type { SimCore } from '../engine/core.js';
import { enforceAcl, type AclConfig, type AclNeed } from '../http/acl.js';
import { sendError } from '../http/wire.js';

export interface RouteContext {
  core: SimCore;
  acl: AclConfig | undefined;
  /** The servers' build (`Tags.build` of /v1/agent/members); before 1.10.1 list pages resume with hashicorp/nomad#25435. */
  serverVersion: string;
}

/** A handler behind an ACL check; NomadHttpErrors become their status and plain-text body. */
export function guarded(ctx: RouteContext, need: AclNeed, fn: (req: SimRequest, res: ServerResponse) => void | Promise<void>): SimHandler {
  return async (req, res) => {
    try {
      enforceAcl(ctx.acl, req, need);
      await fn(req, res);
    } catch (err) {
      sendError(res, err);
    }
  };
}

/** The methods a Nomad "POST" endpoint accepts. */
export const WRITE = ['POST', 'PUT'];
