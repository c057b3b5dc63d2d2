/** The Vault token: sent as X-Vault-Token, refused with Vault's "permission denied", never shown. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { describeError } from '../../src/errors.js';
import { Redactor } from '../../src/redact.js';
import { VaultApiError, vaultFailure, type Vault } from '../../src/vault/index.js';
import { startVaultSim, type VaultSim } from '../../sim/vault/index.js';
import { everythingShown, vaultFromEnv } from './helpers.js';

// Legacy-format tokens: no built-in pattern masks these, only the bot's Redactor (the client adds its token) does.
const GOOD = 's.Good7oken4Nomad0perat0rs';
const BAD = 's.Expired7oken0ld4ndG0ne';

let sim: VaultSim | undefined;
let raw: Server | undefined;
const clients: Vault[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await sim?.close();
  await new Promise<void>((r) => (raw ? raw.close(() => r()) : r()));
  sim = raw = undefined;
});

function client(env: Record<string, string>, redactor?: Redactor): Vault {
  const v = vaultFromEnv(env, 2_000, redactor);
  clients.push(v);
  return v;
}

describe('Vault token', () => {
  it('reads sys/ha-status with a good token and gets 403 "permission denied" with a bad one', async () => {
    sim = await startVaultSim({ acl: { tokens: [GOOD] } });
    expect(await client({ VAULT_ADDR: sim.url, VAULT_TOKEN: GOOD }).sys.haStatus()).toHaveLength(3);
    const err = await client({ VAULT_ADDR: sim.url, VAULT_TOKEN: BAD })
      .sys.haStatus()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VaultApiError);
    expect((err as VaultApiError).status).toBe(403);
    expect((err as VaultApiError).errors).toEqual(['permission denied']);
    expect(vaultFailure(err)).toBe('permission-denied');
    expect(everythingShown(err)).not.toContain(BAD);
    // Unauthenticated endpoints still answer without a token.
    expect((await client({ VAULT_ADDR: sim.url }).sys.health()).state).toBe('active');
  });

  it('masks the token when a server echoes it back in an error, and sends token and namespace headers', async () => {
    let seen: IncomingHttpHeaders = {};
    raw = createServer((req, res) => {
      seen = req.headers;
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [`1 error occurred:\n\t* token ${String(req.headers['x-vault-token'])} has no policy for sys/ha-status`] }));
    });
    await new Promise<void>((r) => raw!.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;
    const redactor = new Redactor();
    const err = await client({ VAULT_ADDR: url, VAULT_TOKEN: GOOD, VAULT_NAMESPACE: 'alice/ci' }, redactor)
      .sys.haStatus()
      .catch((e: unknown) => e);
    expect(seen['x-vault-token']).toBe(GOOD);
    expect(seen['x-vault-namespace']).toBe('alice/ci');
    expect(describeError(err)).toContain('token [redacted] has no policy');
    expect((err as VaultApiError).errors[0]).toContain('[redacted]');
    expect(everythingShown(err)).not.toContain(GOOD);
    // The bot's log lines are masked with the same Redactor, which the client taught its token.
    expect(redactor.redact(`log line with ${GOOD}`)).toBe('log line with [redacted]');
    expect(new Redactor().redact(`another bot's line with ${GOOD}`)).toContain(GOOD);
  });

  it('keeps the token out of unreachable errors', async () => {
    sim = await startVaultSim();
    await sim.controls.agentDown('alimesos02');
    const v = client({ VAULT_ADDR: sim.agents.alimesos02!, VAULT_TOKEN: GOOD });
    const err = await v.sys.health().catch((e: unknown) => e);
    expect(vaultFailure(err)).toBe('unreachable');
    expect(everythingShown(err)).not.toContain(GOOD);
  });
});
