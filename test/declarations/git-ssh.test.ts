/**
 * A deploy key and a pinned host key, for real: an OpenSSH server on 127.0.0.1 (started by the
 * test, with its own host key) in front of a bare repository on this machine.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitDeclarations } from '../../src/declarations/git/source.js';
import { createLogger } from '../../src/log.js';
import { createLocalRemote, type LocalRemote } from '../../sim/git/local-remote.js';
import { TestClock } from '../support/test-clock.js';

let dir: string;
let sshd: ChildProcess;
let port: number;
let remote: LocalRemote;

const keygen = (file: string) => execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'test', '-f', file]);

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const p = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return p;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ci-chatops-sshd-'));
  for (const k of ['host', 'deploy', 'other-host', 'stranger']) keygen(join(dir, k));
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'deploy.pub')), { mode: 0o600 });
  port = await freePort();
  writeFileSync(
    join(dir, 'sshd_config'),
    `${[`Port ${port}`, 'ListenAddress 127.0.0.1', `HostKey ${join(dir, 'host')}`, `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`, 'PasswordAuthentication no', 'KbdInteractiveAuthentication no', 'PermitRootLogin prohibit-password', 'StrictModes no', 'UsePAM no', `PidFile ${join(dir, 'sshd.pid')}`].join('\n')}\n`,
  );
  mkdirSync('/run/sshd', { recursive: true });
  sshd = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let err = '';
    sshd.stderr!.on('data', (d: Buffer) => {
      err += String(d);
      if (err.includes('Server listening')) resolve();
    });
    sshd.once('exit', (code) => reject(new Error(`sshd exited (${code}): ${err}`)));
  });
  remote = createLocalRemote('examples/ci-jobs');
});

afterAll(() => {
  sshd?.kill();
  remote?.remove();
  rmSync(dir, { recursive: true, force: true });
});

function pin(hostKeyFile: string): string {
  const file = join(dir, `known_hosts-${hostKeyFile}`);
  writeFileSync(
    file,
    `[127.0.0.1]:${port} ${readFileSync(join(dir, `${hostKeyFile}.pub`), 'utf8')
      .split(' ')
      .slice(0, 2)
      .join(' ')}\n`,
  );
  return file;
}

function declarations(key: string, knownHosts: string) {
  return new GitDeclarations({
    url: `ssh://${userInfo().username}@127.0.0.1:${port}${remote.url}`,
    branch: 'main',
    path: '',
    cloneDir: mkdtempSync(join(dir, 'clone-')),
    fetchEveryMs: 60_000,
    fetchTimeoutMs: 20_000,
    credentials: { sshKey: join(dir, key), knownHosts },
    processEnv: process.env,
    clock: new TestClock(),
    log: createLogger({ level: 'silent' }),
  });
}

describe('declarations.git over SSH', () => {
  it('fetches with the deploy key when the host key is the pinned one', async () => {
    const d = await declarations('deploy', pin('host')).load();
    expect(d.source!.commit.sha).toBe(remote.head());
  });

  it('refuses a host whose key is not the pinned one', async () => {
    await expect(declarations('deploy', pin('other-host')).load()).rejects.toThrow(
      /failed: the host's SSH key is not the pinned one \(CHATOPS_GIT_KNOWN_HOSTS\)\.$/,
    );
  });

  it('refuses a host that is not pinned at all (no trust on first use)', async () => {
    const empty = join(dir, 'known_hosts-empty');
    writeFileSync(empty, '');
    await expect(declarations('deploy', empty).load()).rejects.toThrow("the host's SSH key is not the pinned one");
  });

  it('says when the remote refuses the key', async () => {
    await expect(declarations('stranger', pin('host')).load()).rejects.toThrow(/failed: the remote refused the credentials/);
  });
});
