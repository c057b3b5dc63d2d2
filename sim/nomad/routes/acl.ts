/** `GET /v1/acl/token/self` (command/agent/acl_endpoint.go): who a token is, or why it is nobody. */
import type { SimRouter } from '../../http/server.js';
import { requestToken } from '../http/acl.js';
import { NomadHttpError } from '../http/errors.js';
import { sendError, writeJson } from '../http/wire.js';
import type { RouteContext } from './common.js';

export function aclRoutes(router: SimRouter, ctx: RouteContext): void {
  router.on('GET', '/v1/acl/token/self', (req, res) => {
    try {
      // ACL.GetTokenSelf answers this when the agent runs without ACLs.
      if (!ctx.acl) throw new NomadHttpError(400, 'ACL support disabled');
      const token = requestToken(req);
      const policy = ctx.acl.tokens[token];
      if (!policy) throw new NomadHttpError(403, 'ACL token not found');
      writeJson(req, res, 200, {
        AccessorID: `accessor-${token.length}`,
        Name: 'simulated',
        Type: policy === 'management' ? 'management' : 'client',
        Policies: policy === 'management' ? null : [policy],
        Global: false,
      });
    } catch (err) {
      sendError(res, err);
    }
  });
}
