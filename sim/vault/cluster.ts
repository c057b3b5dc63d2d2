/**
 * The shared HA state of the Vault servers. The active node holds the HA lock in Consul; when it
 * is sealed, stopped or steps down, the first other unsealed server takes over.
 */
import type { VaultNodeSpec, VaultScenario } from './scenario.js';

interface VaultNode {
  spec: VaultNodeSpec;
  answering: boolean;
  initialized: boolean;
  sealed: boolean;
  /** A standby that cannot heartbeat the active node (request forwarding down). */
  haUnhealthy: boolean;
}

export class VaultClusterState {
  readonly nodes = new Map<string, VaultNode>();
  active: string | undefined;
  activeSince = new Date();
  private electionFrozen = false;

  constructor(readonly scenario: VaultScenario) {
    for (const spec of scenario.nodes) {
      this.nodes.set(spec.name, {
        spec,
        answering: true,
        initialized: spec.initialized ?? true,
        sealed: spec.sealed ?? !(spec.initialized ?? true),
        haUnhealthy: false,
      });
    }
    this.elect();
  }

  node(name: string): VaultNode {
    const n = this.nodes.get(name);
    if (!n) throw new Error(`unknown Vault server ${name}`);
    return n;
  }

  /** Unsealed and answering: could hold the HA lock. */
  canLead(name: string): boolean {
    const n = this.node(name);
    return n.answering && n.initialized && !n.sealed;
  }

  setAnswering(name: string, answering: boolean): void {
    this.node(name).answering = answering;
    this.settle();
  }

  setSealed(name: string, sealed: boolean): void {
    const n = this.node(name);
    if (!n.initialized) throw new Error(`${name} is not initialized`);
    n.sealed = sealed;
    this.settle();
  }

  /** `vault operator step-down`: another unsealed server takes the lock if there is one. */
  stepDown(): void {
    const current = this.active;
    const next = [...this.nodes.keys()].find((n) => n !== current && this.canLead(n));
    if (next) this.become(next);
  }

  loseLeader(): void {
    this.active = undefined;
    this.electionFrozen = true;
  }

  electLeader(name: string): void {
    if (!this.canLead(name)) throw new Error(`${name} is sealed or down and cannot become active`);
    this.electionFrozen = false;
    this.become(name);
  }

  private settle(): void {
    if (this.active && !this.canLead(this.active)) this.active = undefined;
    this.elect();
  }

  private elect(): void {
    if (this.active || this.electionFrozen) return;
    const next = [...this.nodes.keys()].find((n) => this.canLead(n));
    if (next) this.become(next);
  }

  private become(name: string): void {
    this.active = name;
    this.activeSince = new Date();
  }
}
