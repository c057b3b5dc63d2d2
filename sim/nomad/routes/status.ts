/** Cluster status: leader, peers, agent members (the three alimesos servers), regions. */
import type { SimRouter } from '../../http/server.js';
import { NomadHttpError } from '../http/errors.js';
import { writeJson } from '../http/wire.js';
import { guarded, type RouteContext } from './common.js';

/** The RPC address of server `i` (Nomad answers ip:4647). */
export const serverAddress = (i: number) => `10.162.32.${11 + i}`;

export function statusRoutes(router: SimRouter, ctx: RouteContext): void {
  const { state } = ctx.core;
  router.on(
    'GET',
    '/v1/status/leader',
    guarded({ ...ctx, acl: undefined }, 'read', (req, res) => {
      const alive = state.servers.filter((n) => !state.failedServers.has(n)).length;
      if (alive < Math.floor(state.servers.length / 2) + 1) throw new NomadHttpError(500, 'No cluster leader');
      writeJson(req, res, 200, `${serverAddress(state.leader)}:4647`);
    }),
  );
  router.on('GET', '/v1/status/peers', (req, res) =>
    writeJson(
      req,
      res,
      200,
      state.servers.map((_, i) => `${serverAddress(i)}:4647`),
    ),
  );
  router.on('GET', '/v1/regions', (req, res) => writeJson(req, res, 200, [state.region]));
  router.on(
    'GET',
    '/v1/agent/members',
    guarded(ctx, 'read', (req, res) => {
      const members = state.servers.map((name, i) => ({
        Name: `${name}.${state.region}`,
        Addr: serverAddress(i),
        Port: 4648,
        Tags: {
          role: 'nomad',
          region: state.region,
          dc: 'cern-a',
          build: ctx.serverVersion,
          port: '4647',
          expect: String(state.servers.length),
          vsn: '1',
          raft_vsn: '3',
          mvn: '1',
          rpc_addr: serverAddress(i),
          id: `0000000${i}-5e1c-4a4f-8c5d-a11ce0000000`,
          ...(i === 0 ? { bootstrap: '1' } : {}),
        },
        Status: state.failedServers.has(name) ? 'failed' : 'alive',
        ProtocolMin: 1,
        ProtocolMax: 5,
        ProtocolCur: 2,
        DelegateMin: 2,
        DelegateMax: 5,
        DelegateCur: 4,
      }));
      writeJson(req, res, 200, {
        ServerName: `${state.servers[state.leader] ?? 'server'}.${state.region}`,
        ServerRegion: state.region,
        ServerDC: 'cern-a',
        Members: members,
      });
    }),
  );
}
