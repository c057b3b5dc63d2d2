/** Shared set-up for the OpenStack tests: a fast simulator and configs that log in as alice. */
import { startOpenStackSim, type OpenStackSim, type OpenStackSimOptions } from '../../sim/openstack/index.js';
import { ALICE_CREDENTIALS } from '../../sim/openstack/scenario.js';
import { createOpenStackClient, type OpenStack, type OpenStackClientOptions } from '../../src/openstack/index.js';
import type { OpenStackConfig } from '../../src/openstack/config.js';

export const FAST = { bootMs: 60, rebootMs: 60, rebuildMs: 60, volumeMs: 40, deleteMs: 30 };
export const POLL = { intervalMs: 10, timeoutMs: 5_000 };

/**
 * The cloud's clock: real time, except while a test holds it to look at a state in between
 * (BUILD, REBUILD, creating…), so a slow machine cannot skip past that state.
 */
export class CloudClock {
  private heldAt: number | undefined;
  readonly now = (): number => this.heldAt ?? Date.now();
  hold(): void {
    this.heldAt = Date.now();
  }
  release(): void {
    this.heldAt = undefined;
  }
}

export function startFastSim(opts: OpenStackSimOptions = {}): Promise<OpenStackSim> {
  return startOpenStackSim({ timing: FAST, ...opts });
}

export function passwordConfig(sim: OpenStackSim, overrides: Partial<OpenStackConfig> = {}): OpenStackConfig {
  const c = ALICE_CREDENTIALS;
  return {
    cloud: 'alice',
    source: 'test',
    authType: 'password',
    auth: {
      authUrl: sim.authUrl,
      username: c.username,
      password: c.password,
      userDomainName: c.userDomainName,
      projectName: c.projectName,
      projectDomainName: c.projectDomainName,
    },
    interface: 'public',
    tls: {},
    ...overrides,
  };
}

export function appCredConfig(sim: OpenStackSim): OpenStackConfig {
  const c = ALICE_CREDENTIALS;
  return {
    cloud: 'alice-bot',
    source: 'test',
    authType: 'v3applicationcredential',
    auth: { authUrl: sim.authUrl, applicationCredentialId: c.appCredentialId, applicationCredentialSecret: c.appCredentialSecret },
    interface: 'public',
    tls: {},
  };
}

export function client(config: OpenStackConfig, opts: OpenStackClientOptions = {}): OpenStack {
  return createOpenStackClient(config, opts);
}
