import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NomadSim } from '../../sim/nomad/index.js';
import { call, startFastSim } from './helpers.js';

/** A throw-away CA, a server certificate for 127.0.0.1 and a client certificate, made with openssl. */
function makePki(dir: string): void {
  const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '1', '-subj', '/CN=Test CA');
  writeFileSync(join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1,DNS:server.global.nomad\n');
  for (const [name, cn] of [
    ['server', 'server.global.nomad'],
    ['client', 'alice-operator'],
  ] as const) {
    ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`);
    ssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.pem`,
      '-days',
      '1',
      ...(name === 'server' ? ['-extfile', 'server.ext'] : []),
    );
  }
}

describe('mutual TLS', () => {
  let sim: NomadSim;
  let dir: string;
  const file = (name: string) => readFileSync(join(dir, name));
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sim-nomad-tls-'));
    makePki(dir);
    sim = await startFastSim({ tls: { cert: file('server.pem'), key: file('server.key'), clientCa: file('ca.pem') } });
  });
  afterAll(async () => {
    await sim.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves HTTPS', () => {
    expect(sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it('refuses a client without a certificate', async () => {
    const anonymous = new Agent({ connect: { ca: file('ca.pem') } });
    await expect(call(sim.url, 'GET', '/v1/status/leader', undefined, {}, anonymous)).rejects.toThrow();
    await anonymous.close();
  });

  it('answers a client with a certificate signed by the CA', async () => {
    const operator = new Agent({ connect: { ca: file('ca.pem'), cert: file('client.pem'), key: file('client.key') } });
    const res = await call(sim.url, 'GET', '/v1/status/leader', undefined, {}, operator);
    expect(res.status).toBe(200);
    expect(res.json()).toMatch(/:4647$/);
    await operator.close();
  });
});
