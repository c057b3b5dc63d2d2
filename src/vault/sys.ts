import type { VaultClient, VaultRequestOptions } from './client.js';
import { VAULT_HEALTH_CODES, vaultServerState, type VaultServerState } from './health-state.js';
import { VaultHaStatusResponse, VaultHealthResponse, VaultLeaderResponse, VaultSealStatusResponse, type VaultHaNode } from './schemas.js';

export interface VaultHealth {
  /** The HTTP status sys/health answered with (200, 429, 503, ...). */
  status: number;
  state: VaultServerState;
  body: VaultHealthResponse;
}

const HEALTH_ANSWERS = Object.values(VAULT_HEALTH_CODES);

/** The /v1/sys endpoints `/ci masters` needs. */
export class VaultSys {
  constructor(private readonly c: VaultClient) {}

  /**
   * sys/health: every documented status code is an answer (sealed, standby, ...), never thrown.
   * `standbyOk` asks for 200 from a standby, as load balancers do; `state` still says "standby".
   */
  async health(opts: Pick<VaultRequestOptions, 'signal'> & { standbyOk?: boolean } = {}): Promise<VaultHealth> {
    const params = { standbyok: opts.standbyOk ? 'true' : undefined };
    const { status, data } = await this.c.get('sys/health', VaultHealthResponse, 'health status', { signal: opts.signal, params, expect: HEALTH_ANSWERS });
    return { status, state: vaultServerState(data), body: data };
  }

  /** sys/seal-status (unauthenticated): sealed or not, and unseal progress. */
  async sealStatus(opts: Pick<VaultRequestOptions, 'signal'> = {}): Promise<VaultSealStatusResponse> {
    return (await this.c.get('sys/seal-status', VaultSealStatusResponse, 'seal status', opts)).data;
  }

  /** sys/leader (unauthenticated). A sealed server answers 503 "Vault is sealed" (thrown). */
  async leader(opts: Pick<VaultRequestOptions, 'signal'> = {}): Promise<VaultLeaderResponse> {
    return (await this.c.get('sys/leader', VaultLeaderResponse, 'leader status', opts)).data;
  }

  /** sys/ha-status (needs a token): the active node and the standbys it has heard from. */
  async haStatus(opts: Pick<VaultRequestOptions, 'signal'> = {}): Promise<VaultHaNode[]> {
    return (await this.c.get('sys/ha-status', VaultHaStatusResponse, 'HA status', opts)).data.Nodes;
  }
}
