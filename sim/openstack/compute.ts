/** Shared by the Nova routes: the microversion of each request and the response headers it implies. */
import type { ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { SimRequest } from '../http/server.js';
import type { SimContext } from './context.js';
import { sendFault } from './faults.js';
import { computeMicroversion, microversionHeaders, type Microversion } from './microversion.js';

export type ComputeHandler = (req: SimRequest, res: ServerResponse, mv: Microversion) => void;

/** Parses the microversion (400 when malformed, 406 when out of range) and adds Nova's response headers. */
export function compute(ctx: SimContext, handler: ComputeHandler): (req: SimRequest, res: ServerResponse) => void {
  return (req, res) => {
    const mv = computeMicroversion(req.headers, ctx.state.computeMaxVersion);
    if ('error' in mv) return sendFault(res, mv.status, mv.error);
    const requestId = `req-${randomUUID()}`;
    for (const [k, v] of Object.entries(microversionHeaders(mv))) res.setHeader(k, v);
    res.setHeader('x-compute-request-id', requestId);
    if (mv.atLeast('2.46')) res.setHeader('x-openstack-request-id', requestId);
    handler(req, res, mv);
  };
}
