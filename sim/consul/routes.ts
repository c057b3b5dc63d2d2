/**
 * The Consul endpoints `/ci masters` reads, as one server agent answers them. Bodies follow the
 * api-docs samples; reads that go through the leader fail with 500 "No cluster leader" unless `?stale`.
 */
import type { ServerResponse } from 'node:http';
import { sendJson, sendText, SimRouter, type SimRequest } from '../http/server.js';
import { allows, type ConsulAcl } from './acl.js';
import type { ConsulClusterState } from './cluster.js';
import type { ConsulServiceSpec } from './scenario.js';

export function consulRouter(agent: string, state: ConsulClusterState, acl: ConsulAcl): SimRouter {
  const leaderAddr = () => (state.leader ? `${state.ip(state.leader)}:8300` : '');
  const stale = (req: SimRequest) => req.query.has('stale');
  /** Default consistency forwards to the leader; answer for it or fail like Consul. */
  const needLeader = (req: SimRequest, res: ServerResponse): boolean => {
    if (state.leader || stale(req)) return true;
    sendText(res, 500, 'No cluster leader');
    return false;
  };
  const queryMeta = (req: SimRequest): Record<string, string> => ({
    'x-consul-index': String(state.raftIndex),
    'x-consul-knownleader': String(state.leader !== undefined),
    'x-consul-lastcontact': state.leader === agent || stale(req) ? '0' : '12',
    'x-consul-effective-consistency': stale(req) ? 'stale' : 'leader',
  });

  return new SimRouter()
    .on('GET', '/v1/status/leader', (_req, res) => sendJson(res, 200, leaderAddr()))
    .on('GET', '/v1/status/peers', (_req, res) =>
      sendJson(
        res,
        200,
        state.servers.map((s) => `${state.ip(s)}:8300`),
      ),
    )
    .on('GET', '/v1/agent/members', (req, res) => {
      const token = acl.resolve(req, res);
      if (!token) return;
      const all = [...state.scenario.masters.map((m) => member(state, m.name, 'consul')), ...state.scenario.clients.map((c) => member(state, c.name, 'node'))];
      const visible = allows(token, 'node:read') ? all : [];
      sendJson(res, 200, visible, visible.length < all.length ? { 'x-consul-results-filtered-by-acls': 'true' } : {});
    })
    .on('GET', '/v1/operator/raft/configuration', (req, res) => {
      const token = acl.resolve(req, res);
      if (!token || !acl.require(token, 'operator:read', res) || !needLeader(req, res)) return;
      sendJson(res, 200, {
        Servers: state.servers.map((s) => ({
          ID: state.nodeIds.get(s),
          Node: s,
          Address: `${state.ip(s)}:8300`,
          Leader: s === state.leader,
          Voter: true,
          ProtocolVersion: '3',
        })),
        Index: state.raftIndex,
      });
    })
    .on('GET', '/v1/health/service/:service', (req, res) => {
      const token = acl.resolve(req, res);
      if (!token || !needLeader(req, res)) return;
      const spec = state.scenario.services.find((s) => s.name === req.params.service);
      let entries = spec ? spec.nodes.map((n) => serviceEntry(state, spec, n)) : [];
      const filtered = entries.length > 0 && !(allows(token, 'service:read') && allows(token, 'node:read'));
      if (filtered) entries = [];
      if (req.query.has('passing')) entries = entries.filter((e) => e.Checks.every((c) => c.Status === 'passing'));
      const tag = req.query.get('tag');
      if (tag) entries = entries.filter((e) => e.Service.Tags.includes(tag));
      sendJson(res, 200, entries, { ...queryMeta(req), ...(filtered ? { 'x-consul-results-filtered-by-acls': 'true' } : {}) });
    });
}

function member(state: ConsulClusterState, name: string, role: 'consul' | 'node') {
  const { datacenter, version } = state.scenario;
  const serverTags = { port: '8300', expect: '3', raft_vsn: '3', wan_join_port: '8302', use_tls: '1', ft_fs: '1', ft_si: '1' };
  return {
    Name: name,
    Addr: state.ip(name),
    Port: 8301,
    Tags: {
      acls: '1',
      build: `${version}:a0b1c2d3`,
      dc: datacenter,
      id: state.nodeIds.get(name),
      role,
      segment: '',
      vsn: '2',
      vsn_max: '3',
      vsn_min: '2',
      ...(role === 'consul' ? serverTags : {}),
    },
    Status: state.alive.get(name) ? 1 : 4,
    ProtocolMin: 1,
    ProtocolMax: 5,
    ProtocolCur: 2,
    DelegateMin: 2,
    DelegateMax: 5,
    DelegateCur: 4,
  };
}

function serviceEntry(state: ConsulClusterState, spec: ConsulServiceSpec, node: string) {
  const ip = state.ip(node);
  const tags = Array.isArray(spec.tags) ? spec.tags : (spec.tags?.[node] ?? []);
  const alive = state.alive.get(node) === true;
  const check = (CheckID: string, Name: string, Status: string, Output: string, ServiceID = '', ServiceName = '') => ({
    Node: node,
    CheckID,
    Name,
    Status,
    Notes: '',
    Output,
    ServiceID,
    ServiceName,
    ServiceTags: ServiceID ? tags : [],
    Type: '',
    Namespace: 'default',
  });
  const checks = [
    alive
      ? check('serfHealth', 'Serf Health Status', 'passing', 'Agent alive and reachable')
      : check('serfHealth', 'Serf Health Status', 'critical', 'Agent not live or unreachable'),
  ];
  if (spec.checkName) {
    const override = state.checks.get(`${spec.name}/${node}`);
    checks.push(check(`service:${spec.name}`, spec.checkName, override?.status ?? 'passing', override?.output ?? '', spec.name, spec.name));
  }
  return {
    Node: {
      ID: state.nodeIds.get(node),
      Node: node,
      Address: ip,
      Datacenter: state.scenario.datacenter,
      TaggedAddresses: { lan: ip, wan: ip },
      Meta: { 'consul-network-segment': '' },
    },
    Service: {
      ID: spec.name,
      Service: spec.name,
      Tags: tags,
      Address: '',
      Meta: {},
      Port: spec.port,
      Weights: { Passing: 1, Warning: 1 },
      EnableTagOverride: false,
      Namespace: 'default',
    },
    Checks: checks,
  };
}
