/** The Vault health client for `/ci masters`: `createVault(settings)`; `forNode` checks one master. */
import type { Dispatcher } from 'undici';
import type { Redactor } from '../redact.js';
import { VaultClient } from './client.js';
import type { VaultSettings } from './config.js';
import { VaultSys } from './sys.js';

export interface Vault {
  client: VaultClient;
  sys: VaultSys;
  /** The same API against one server (e.g. `https://alimesos02.cern.ch:8200`), sharing TLS, token and namespace. */
  forNode(address: string): Vault;
  close(): Promise<void>;
}

export function createVault(settings: VaultSettings, dispatcher?: Dispatcher, redactor?: Redactor): Vault {
  return wrap(new VaultClient(settings, dispatcher, redactor));
}

function wrap(client: VaultClient): Vault {
  return {
    client,
    sys: new VaultSys(client),
    forNode: (address) => wrap(client.forNode(address)),
    close: () => client.close(),
  };
}

export { VaultClient, type VaultRequestOptions } from './client.js';
export { vaultSettingsFromEnv, type VaultSettings } from './config.js';
export { VaultApiError, vaultFailure, type VaultFailure } from './errors.js';
export { VAULT_HEALTH_CODES, vaultServerState, type VaultServerState } from './health-state.js';
export type { VaultHealth } from './sys.js';
export { VaultUnreachableError } from './unreachable.js';
export * from './schemas.js';
