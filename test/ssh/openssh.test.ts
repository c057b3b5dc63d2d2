/**
 * The SSH adapter against a real OpenSSH server: sshd started by the test on a free port of
 * 127.0.0.1, with its own host key and configuration in a temporary directory. known_hosts is made
 * by OpenSSH's own tools (plain and hashed by `ssh-keygen -H`), so the adapter is held to what
 * `ssh -o StrictHostKeyChecking=yes` accepts and refuses.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runnerKit, type RunnerKit } from './helpers.js';

let kit: RunnerKit;
let sshd: ChildProcess;
let port: number;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const p = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return p;
}

const keygen = (file: string) => execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'test', '-f', file]);
const publicOf = (file: string) => readFileSync(`${file}.pub`, 'utf8').split(' ').slice(0, 2).join(' ');

beforeAll(async () => {
  kit = runnerKit({ knownHosts: '' });
  const dir = kit.dir;
  for (const k of ['host', 'other-host']) keygen(join(dir, k));
  writeFileSync(join(dir, 'authorized_keys'), `${kit.key.public}\n`, { mode: 0o600 });
  // A free port can be taken by another process before sshd binds it (a busy machine): try again on another.
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      await startSshd(dir);
      break;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
  writeFileSync(kit.knownHostsFile, `[127.0.0.1]:${port} ${publicOf(join(dir, 'host'))}\n`);
});

async function startSshd(dir: string): Promise<void> {
  writeFileSync(
    join(dir, 'sshd_config'),
    `${[
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'StrictModes no',
      'UsePAM no',
      `PidFile ${join(dir, 'sshd.pid')}`,
    ].join('\n')}\n`,
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
}

afterAll(() => {
  sshd?.kill();
  kit?.remove();
});

const runner = (o: Parameters<RunnerKit['runner']>[0] = {}) =>
  kit.runner({ hosts: { alibuild10: `127.0.0.1:${port}` }, user: process.env.USER ?? 'root', ...o });

describe('the SSH adapter against OpenSSH', () => {
  it('runs the configured command with the pinned host key and records exit code and output', async () => {
    const result = await runner({ commands: { cleanup: "printf 'removed %s\\n' a b && echo done >&2" } }).run('alibuild10', 'cleanup');
    expect(result).toMatchObject({ ok: true, exitCode: 0 });
    if (result.ok) {
      expect(result.output.text).toContain('removed a\nremoved b\n');
      expect(result.output.text).toContain('done');
    }
  });

  it('accepts a hashed known_hosts (ssh-keygen -H)', async () => {
    const hashed = join(kit.dir, 'known_hosts_hashed');
    writeFileSync(hashed, `[127.0.0.1]:${port} ${publicOf(join(kit.dir, 'host'))}\n`);
    execFileSync('ssh-keygen', ['-q', '-H', '-f', hashed], { stdio: 'pipe' });
    expect(readFileSync(hashed, 'utf8')).toMatch(/^\|1\|/);
    expect(await runner({ knownHostsFile: hashed, commands: { cleanup: 'true' } }).run('alibuild10', 'cleanup')).toMatchObject({ ok: true });
  });

  it('a non-zero exit code with its output', async () => {
    const result = await runner({ commands: { cleanup: 'echo "rm: cannot remove: Device or resource busy" >&2; exit 3' } }).run('alibuild10', 'cleanup');
    expect(result).toMatchObject({ ok: false, kind: 'exit', exitCode: 3 });
    if (!result.ok) expect(result.output?.text).toContain('Device or resource busy');
  });

  it('refuses a changed host key, an unknown host and a key the server does not accept', async () => {
    const other = join(kit.dir, 'known_hosts_other');
    writeFileSync(other, `[127.0.0.1]:${port} ${publicOf(join(kit.dir, 'other-host'))}\n`);
    expect(await runner({ knownHostsFile: other }).run('alibuild10', 'cleanup')).toMatchObject({ ok: false, kind: 'changed-host-key' });
    const revoked = join(kit.dir, 'known_hosts_revoked');
    writeFileSync(revoked, `@revoked * ${publicOf(join(kit.dir, 'host'))}\n[127.0.0.1]:${port} ${publicOf(join(kit.dir, 'host'))}\n`);
    expect(await runner({ knownHostsFile: revoked }).run('alibuild10', 'cleanup')).toMatchObject({ ok: false, kind: 'revoked-host-key' });
    const elsewhere = join(kit.dir, 'known_hosts_elsewhere');
    writeFileSync(elsewhere, `127.0.0.1 ${publicOf(join(kit.dir, 'host'))}\n`);
    // Pinned for port 22 only: ssh looks up [127.0.0.1]:port, which is not there.
    expect(await runner({ knownHostsFile: elsewhere }).run('alibuild10', 'cleanup')).toMatchObject({ ok: false, kind: 'unknown-host-key' });
    expect(await runner({ user: 'nobody-here' }).run('alibuild10', 'cleanup')).toMatchObject({ ok: false, kind: 'auth' });
  });

  it('a port where nothing listens is a refused connection', async () => {
    const closed = await freePort();
    writeFileSync(join(kit.dir, 'kh-closed'), `[127.0.0.1]:${closed} ${publicOf(join(kit.dir, 'host'))}\n`);
    const result = await runner({ hosts: { alibuild10: `127.0.0.1:${closed}` }, knownHostsFile: join(kit.dir, 'kh-closed') }).run('alibuild10', 'cleanup');
    expect(result).toMatchObject({ ok: false, kind: 'refused' });
  });
});
