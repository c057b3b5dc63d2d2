/** All routes of the simulated Nomad HTTP API. */
import { SimRouter } from '../../http/server.js';
import { aclRoutes } from './acl.js';
import { allocEvalRoutes } from './allocs-evals.js';
import { clientStatsRoutes } from './client-stats.js';
import type { RouteContext } from './common.js';
import { eventStreamRoutes } from './event-stream.js';
import { jobReadRoutes } from './jobs-read.js';
import { jobWriteRoutes } from './jobs-write.js';
import { logRoutes } from './logs.js';
import { nodeRoutes } from './nodes.js';
import { parseRoutes } from './parse.js';
import { planRoutes } from './plan.js';
import { scaleRoutes } from './scale.js';
import { statusRoutes } from './status.js';

export function nomadRouter(ctx: RouteContext): SimRouter {
  const router = new SimRouter();
  jobReadRoutes(router, ctx);
  jobWriteRoutes(router, ctx);
  planRoutes(router, ctx);
  parseRoutes(router, ctx);
  scaleRoutes(router, ctx);
  nodeRoutes(router, ctx);
  clientStatsRoutes(router, ctx);
  allocEvalRoutes(router, ctx);
  logRoutes(router, ctx);
  statusRoutes(router, ctx);
  eventStreamRoutes(router, ctx);
  aclRoutes(router, ctx);
  return router;
}
