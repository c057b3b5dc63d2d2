/** Nova flavors and the version documents (`GET /compute/`, `GET /compute/v2.1/`). */
import { sendJson, type SimRouter } from '../http/server.js';
import { compute } from './compute.js';
import type { SimContext } from './context.js';
import { sendFault } from './faults.js';
import { MIN_COMPUTE } from './microversion.js';
import { novaBase } from './nova-servers.js';
import { flavorView } from './nova-views.js';

export function novaFlavorRoutes(router: SimRouter, ctx: SimContext): void {
  const { state } = ctx;
  router.on(
    'GET',
    '/compute/v2.1/flavors',
    compute(ctx, (_req, res) => {
      const base = novaBase(ctx);
      sendJson(res, 200, {
        flavors: state.cloud.flavors.map((f) => ({
          id: f.id,
          name: f.name,
          links: [
            { href: `${base}/flavors/${f.id}`, rel: 'self' },
            { href: `${base}/flavors/${f.id}`, rel: 'bookmark' },
          ],
        })),
      });
    }),
  );
  router.on(
    'GET',
    '/compute/v2.1/flavors/detail',
    compute(ctx, (_req, res, mv) => {
      sendJson(res, 200, { flavors: state.cloud.flavors.map((f) => flavorView(f, mv, novaBase(ctx))) });
    }),
  );
  router.on(
    'GET',
    '/compute/v2.1/flavors/:id',
    compute(ctx, (req, res, mv) => {
      const flavor = state.cloud.flavors.find((f) => f.id === req.params.id);
      if (!flavor) return sendFault(res, 404, `Flavor ${req.params.id} could not be found.`);
      sendJson(res, 200, { flavor: flavorView(flavor, mv, novaBase(ctx)) });
    }),
  );

  const version = () => ({
    id: 'v2.1',
    status: 'CURRENT',
    version: state.computeMaxVersion,
    min_version: MIN_COMPUTE,
    updated: '2013-07-23T11:33:21Z',
    links: [{ href: `${novaBase(ctx)}/`, rel: 'self' }],
  });
  router.on('GET', '/compute/', (_req, res) => sendJson(res, 200, { versions: [version()] }));
  router.on('GET', '/compute/v2.1/', (_req, res) => sendJson(res, 200, { version: version() }));
}
