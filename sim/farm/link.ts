/**
 * The farm link: what the machines themselves do between the two simulators. A server that
 * reboots or is rebuilt stops heartbeating to Nomad and comes back once ACTIVE (after Puppet,
 * `rejoinMs`); a new agent's Nomad client registers; a deleted server's node goes away. Only the
 * simulators' public state and controls are used.
 */
import type { NomadSim } from '../nomad/index.js';
import type { OpenStackSim } from '../openstack/index.js';

export interface FarmLinkOptions {
  /** How often the link looks at the cloud (default 20 ms). */
  pollMs?: number;
  /** From ACTIVE to the Nomad agent answering again (Puppet, service start). Default 100 ms. */
  rejoinMs?: number;
}

export interface FarmLink {
  stop(): void;
}

const DOWN = new Set(['HARD_REBOOT', 'REBOOT', 'REBUILD', 'SHUTOFF', 'ERROR']);

export function linkFarm(openstack: OpenStackSim, nomad: NomadSim, opts: FarmLinkOptions = {}): FarmLink {
  const { pollMs = 20, rejoinMs = 100 } = opts;
  const isServer = (name: string) => nomad.state.servers.includes(name);
  const isAgentName = (name: string) => /^alibuild\d+$/.test(name) || /^alimetal\d+$/.test(name);
  const timers = new Set<NodeJS.Timeout>();
  const later = (fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, rejoinMs);
    timers.add(t);
  };

  const goDown = (name: string) => {
    if (isServer(name)) nomad.controls.serverDown(name);
    else if (nomad.state.node(name)) nomad.controls.nodeDown(name);
  };
  const comeBack = (name: string, wasBuilding: boolean) =>
    later(() => {
      const status = seen.get(name);
      if (status !== 'ACTIVE') return; // it went down again meanwhile
      if (isServer(name)) nomad.controls.serverUp(name);
      else if (nomad.state.node(name)) nomad.controls.nodeUp(name);
      else if (wasBuilding && isAgentName(name)) nomad.controls.registerNode(name);
    });

  const snapshot = () => {
    openstack.state.advance();
    return new Map(openstack.state.cloud.servers.map((s) => [s.name, s.taskState === 'deleting' ? 'DELETING' : openstack.state.status(s)]));
  };
  const seen = snapshot();

  const tick = () => {
    const now = snapshot();
    for (const [name, status] of now) {
      const before = seen.get(name);
      seen.set(name, status);
      if (status === before) continue;
      if (DOWN.has(status) || status === 'DELETING') goDown(name);
      else if (status === 'ACTIVE') comeBack(name, before === 'BUILD' || before === undefined);
    }
    for (const name of [...seen.keys()]) {
      if (now.has(name)) continue;
      seen.delete(name);
      // Gone from the cloud: Nomad notices the missed heartbeats, and the node is garbage-collected.
      if (!isServer(name) && nomad.state.node(name)) nomad.controls.removeNode(name);
    }
  };
  const interval = setInterval(tick, pollMs);
  return {
    stop() {
      clearInterval(interval);
      for (const t of timers) clearTimeout(t);
    },
  };
}
