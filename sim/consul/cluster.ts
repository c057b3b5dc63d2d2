/**
 * The shared state of the Consul servers: who is alive, who leads raft. A leader needs a quorum
 * (2 of 3): losing it steps the leader down, regaining it elects the first alive server again,
 * unless `loseLeader()` froze the election.
 */
import { randomUUID } from 'node:crypto';
import type { ConsulScenario } from './scenario.js';

export type CheckStatus = 'passing' | 'warning' | 'critical';

export class ConsulClusterState {
  readonly alive = new Map<string, boolean>();
  readonly nodeIds = new Map<string, string>();
  /** Overrides of service checks, by `${service}/${node}`. */
  readonly checks = new Map<string, { status: CheckStatus; output: string }>();
  leader: string | undefined;
  /** The raft configuration index; changes only when membership changes. */
  raftIndex = 22;
  private electionFrozen = false;

  constructor(readonly scenario: ConsulScenario) {
    for (const n of [...scenario.masters, ...scenario.clients]) {
      this.alive.set(n.name, true);
      this.nodeIds.set(n.name, randomUUID());
    }
    this.leader = scenario.masters[0]?.name;
  }

  get servers(): string[] {
    return this.scenario.masters.map((m) => m.name);
  }

  ip(name: string): string {
    const node = [...this.scenario.masters, ...this.scenario.clients].find((n) => n.name === name);
    if (!node) throw new Error(`unknown Consul node ${name}`);
    return node.ip;
  }

  hasQuorum(): boolean {
    const up = this.servers.filter((s) => this.alive.get(s)).length;
    return up > this.servers.length / 2;
  }

  setAlive(name: string, alive: boolean): void {
    this.ip(name);
    this.alive.set(name, alive);
    if (!alive && this.leader === name) this.leader = undefined;
    if (!this.hasQuorum()) this.leader = undefined;
    this.elect();
  }

  loseLeader(): void {
    this.leader = undefined;
    this.electionFrozen = true;
  }

  electLeader(name: string): void {
    if (!this.servers.includes(name)) throw new Error(`${name} is not a Consul server`);
    if (!this.alive.get(name)) throw new Error(`${name} is down and cannot lead`);
    if (!this.hasQuorum()) throw new Error('no quorum: bring a server up first');
    this.electionFrozen = false;
    this.leader = name;
  }

  private elect(): void {
    if (this.leader || this.electionFrozen || !this.hasQuorum()) return;
    this.leader = this.servers.find((s) => this.alive.get(s));
  }
}
