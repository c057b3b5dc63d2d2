/** The Consul health client for `/ci masters`: `createConsul(settings)` gives one object per endpoint family. */
import type { Dispatcher } from 'undici';
import type { Redactor } from '../redact.js';
import { ConsulAgent } from './agent.js';
import { ConsulClient } from './client.js';
import type { ConsulSettings } from './config.js';
import { ConsulHealth } from './health.js';
import { ConsulOperator } from './operator.js';
import { ConsulStatus } from './status.js';

export interface Consul {
  client: ConsulClient;
  status: ConsulStatus;
  agent: ConsulAgent;
  operator: ConsulOperator;
  health: ConsulHealth;
  /** The same API against one agent (e.g. a master's `https://alimesos02.cern.ch:8501`), sharing TLS and token. */
  forAgent(address: string): Consul;
  close(): Promise<void>;
}

export function createConsul(settings: ConsulSettings, dispatcher?: Dispatcher, redactor?: Redactor): Consul {
  return wrap(new ConsulClient(settings, dispatcher, redactor));
}

function wrap(client: ConsulClient): Consul {
  return {
    client,
    status: new ConsulStatus(client),
    agent: new ConsulAgent(client),
    operator: new ConsulOperator(client),
    health: new ConsulHealth(client),
    forAgent: (address) => wrap(client.forAgent(address)),
    close: () => client.close(),
  };
}

export { ConsulClient, type ConsulQueryMeta, type ConsulQueryOptions, type ConsulQueryResult } from './client.js';
export { consulAddress, consulSettingsFromEnv, type ConsulSettings } from './config.js';
export { consulFailure, type ConsulFailure } from './errors.js';
export { isConsulServer, memberStatusName } from './agent.js';
export { instanceStatus } from './health.js';
export { ConsulUnreachableError, type UnreachableReason } from './unreachable.js';
export * from './schemas.js';
