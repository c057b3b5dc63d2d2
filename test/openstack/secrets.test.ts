/** Tokens, passwords and application-credential secrets never show in error messages. */
import { afterEach, describe, expect, it } from 'vitest';
import type { OpenStackSim } from '../../sim/openstack/index.js';
import { ALICE_CREDENTIALS } from '../../sim/openstack/scenario.js';
import { describeError } from '../../src/errors.js';
import type { OpenStack } from '../../src/openstack/index.js';
import { appCredConfig, client, passwordConfig, startFastSim } from './helpers.js';

let sim: OpenStackSim | undefined;
let os: OpenStack | undefined;
afterEach(async () => {
  await os?.close();
  await sim?.close();
  os = sim = undefined;
});

function issuedTokens(s: OpenStackSim): string[] {
  return [...s.state.tokens.keys()];
}

describe('secrets stay out of errors', () => {
  it('masks the token and the password even when the server echoes them back', async () => {
    sim = await startFastSim();
    os = client(passwordConfig(sim));
    await os.flavors.list();
    const [token] = issuedTokens(sim);
    expect(token).toBeDefined();
    sim.controls.failNext({ status: 500, path: '/servers', message: `boom: token ${token} password ${ALICE_CREDENTIALS.password}` });
    const err = await os.servers.list().catch((e: unknown) => e);
    const text = [(err as Error).message, describeError(err), JSON.stringify(err), (err as { body?: string }).body ?? ''].join('\n');
    expect(text).toContain('OpenStack failed (HTTP 500 computeFault)');
    expect(text).toContain('[redacted]');
    expect(text).not.toContain(token);
    expect(text).not.toContain(ALICE_CREDENTIALS.password);
  });

  it('masks the application-credential secret when Keystone rejects it', async () => {
    sim = await startFastSim();
    os = client(appCredConfig(sim));
    sim.controls.failNext({ status: 400, path: '/identity/', message: `bad secret ${ALICE_CREDENTIALS.appCredentialSecret}` });
    const err = await os.servers.list().catch((e: unknown) => e);
    expect((err as Error).message).toBe('OpenStack refused: bad secret [redacted]');
    expect(JSON.stringify(err)).not.toContain(ALICE_CREDENTIALS.appCredentialSecret);
  });

  it('never puts the token in a timeout or conflict message', async () => {
    sim = await startFastSim({ timing: { bootMs: 60, rebootMs: 10_000, rebuildMs: 60, volumeMs: 40, deleteMs: 30 } });
    os = client(passwordConfig(sim));
    const server = await os.servers.getByName('alibuild02');
    await os.servers.rebootHard(server.id);
    const timeout = await os.servers.waitForStatus(server.id, 'ACTIVE', { intervalMs: 10, timeoutMs: 50 }).catch((e: unknown) => e);
    expect((timeout as Error).message).toMatch(
      /^timed out after 0 s waiting for server .* to be ACTIVE: alibuild02 is HARD_REBOOT \(task_state reboot(ing|_pending|_started)_hard\)$/,
    );
    const conflict = await os.servers.rebuild(server.id, 'whatever').catch((e: unknown) => e);
    for (const e of [timeout, conflict]) for (const t of issuedTokens(sim)) expect(JSON.stringify({ m: (e as Error).message, e })).not.toContain(t);
  });
});
