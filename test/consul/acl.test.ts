/** Consul ACLs (default deny) and the token: refused with Consul's own texts, never shown. */
import { afterEach, describe, expect, it } from 'vitest';
import { consulFailure, type Consul } from '../../src/consul/index.js';
import { describeError, HttpApiError } from '../../src/errors.js';
import { startConsulSim, type ConsulSim } from '../../sim/consul/index.js';
import { consulFromEnv, everythingShown } from './helpers.js';

const OPERATOR = 'c0ffee00-aaaa-4bbb-8ccc-0123456789ab';
const READER = 'feedface-1111-4222-8333-0123456789ab';
const STRANGER = 'deadbeef-9999-4888-8777-0123456789ab';

let sim: ConsulSim | undefined;
const clients: Consul[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await sim?.close();
  sim = undefined;
});

async function withToken(token?: string): Promise<Consul> {
  sim ??= await startConsulSim({
    acl: {
      tokens: {
        [OPERATOR]: { accessorId: 'a1b2c3d4-0000-4000-8000-00000000aaaa', operatorRead: true, nodeRead: true, serviceRead: true },
        [READER]: { accessorId: 'a1b2c3d4-0000-4000-8000-00000000bbbb', serviceRead: true },
      },
    },
  });
  const c = consulFromEnv({ CONSUL_HTTP_ADDR: sim.url, CONSUL_HTTP_TOKEN: token });
  clients.push(c);
  return c;
}

describe('Consul ACLs', () => {
  it('lets a token with operator:read and node:read see everything', async () => {
    const consul = await withToken(OPERATOR);
    expect((await consul.operator.raftConfiguration()).data.Servers).toHaveLength(3);
    const members = await consul.agent.members();
    expect(members.data).toHaveLength(5);
    expect(members.meta.filteredByAcls).toBe(false);
  });

  it('answers an unknown token with 403 "ACL not found", without the token in the error', async () => {
    const consul = await withToken(STRANGER);
    const err = await consul.agent.members().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpApiError);
    expect((err as HttpApiError).status).toBe(403);
    expect(consulFailure(err)).toBe('acl-not-found');
    expect(describeError(err)).toContain('(ACL not found)');
    expect(everythingShown(err)).not.toContain(STRANGER);
  });

  it('names the missing right for a token without operator:read', async () => {
    const consul = await withToken(READER);
    const err = await consul.operator.raftConfiguration().catch((e: unknown) => e);
    expect(consulFailure(err)).toBe('permission-denied');
    expect((err as HttpApiError).body).toBe("Permission denied: token with AccessorID 'a1b2c3d4-0000-4000-8000-00000000bbbb' lacks permission 'operator:read'");
    expect(everythingShown(err)).not.toContain(READER);
  });

  it('filters lists for the anonymous token and says so in the query meta', async () => {
    const consul = await withToken(undefined);
    const members = await consul.agent.members();
    expect(members.data).toEqual([]);
    expect(members.meta.filteredByAcls).toBe(true);
    const err = await consul.operator.raftConfiguration().catch((e: unknown) => e);
    expect((err as HttpApiError).body).toMatch(/^Permission denied: anonymous token lacks permission 'operator:read'/);
    // The status endpoints need no ACL.
    expect(await consul.status.leader()).toBe('10.16.8.11:8300');
  });

  it('keeps the token out of unreachable errors too', async () => {
    const consul = await withToken(OPERATOR);
    await sim!.controls.agentDown('alimesos02');
    const err = await consul
      .forAgent(sim!.agents.alimesos02!)
      .agent.members()
      .catch((e: unknown) => e);
    expect(consulFailure(err)).toBe('unreachable');
    expect(everythingShown(err)).not.toContain(OPERATOR);
  });
});
