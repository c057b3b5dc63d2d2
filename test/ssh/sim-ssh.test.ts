/**
 * The SSH adapter against the simulated farm's SSH servers (sim/ssh): the runbook's cleanup runs
 * against the simulated Nomad node, anything else is refused, and every failure the bot must tell
 * apart — refused connection, silent host, unknown or changed host key, a key the host refuses, a
 * non-zero exit, a command that hangs — comes back as its own kind with a sentence for people.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNomadSim, type NomadSim } from '../../sim/nomad/index.js';
import { startSshSim, type SshSim } from '../../sim/ssh/index.js';
import { eventually } from '../support/eventually.js';
import { runnerKit, type RunnerKit } from './helpers.js';

let nomad: NomadSim;
let ssh: SshSim;
let kit: RunnerKit;
const HOSTS = ['alibuild03', 'alibuild05', 'alibuild10', 'alibuild11'];

beforeAll(async () => {
  nomad = await startNomadSim({ timing: { clientRestartMs: 200 } });
  kit = runnerKit({ knownHosts: '' });
  ssh = await startSshSim({ nomad, hosts: HOSTS, authorizedKeys: [kit.key.public] });
  writeFileSync(kit.knownHostsFile, ssh.knownHosts());
});
afterAll(async () => {
  await ssh?.close();
  await nomad?.close();
  kit?.remove();
});

const runner = (o: Parameters<RunnerKit['runner']>[0] = {}) => kit.runner({ hosts: ssh.addresses(), ...o });

describe('the SSH adapter against the simulated hosts', () => {
  it("runs the runbook's cleanup: the build area is freed and the Nomad client restarts with its disk fingerprinted anew", async () => {
    const node = nomad.state.node('alibuild10')!;
    expect(node.Attributes['unique.storage.bytesfree']).toBe(String(204_800 * 1024 * 1024));
    const result = await runner().run('alibuild10', 'cleanup');
    expect(result).toMatchObject({ ok: true, exitCode: 0 });
    if (!result.ok) return;
    expect(result.output.text).toMatch(/^removed directory '\/build\/nomad\/alloc\/[0-9a-f-]+\/ci\/local\/slc9\/sw'$/m);
    expect(ssh.executions.at(-1)).toEqual({
      host: 'alibuild10',
      command: 'rm -rfv /build/nomad/alloc/*/ci/local/*/sw && systemctl restart nomad',
      exitCode: 0,
      refused: false,
    });
    expect(nomad.state.node('alibuild10')!.Status).toBe('initializing');
    await eventually(() => nomad.state.node('alibuild10')!.Status === 'ready', 10_000, 'the client ready again');
    const free = Number(nomad.state.node('alibuild10')!.Attributes['unique.storage.bytesfree']);
    expect(free).toBe(Number(nomad.state.node('alibuild10')!.Attributes['unique.storage.bytestotal']));
  });

  it('describes where it connects and what it runs, from the settings only', async () => {
    const r = runner();
    expect(r.describe('alibuild10', 'cleanup')).toEqual({
      target: `root@127.0.0.1:${ssh.addresses().alibuild10!.split(':')[1]}`,
      command: 'rm -rfv /build/nomad/alloc/*/ci/local/*/sw && systemctl restart nomad',
    });
    expect(kit.runner().describe('alibuild10.cern.ch', 'cleanup').target).toBe('root@alibuild10.cern.ch');
    expect(await r.pinned('alibuild10')).toBe(true);
    expect(await kit.runner().pinned('alibuild10')).toBe(false);
  });

  it('a host refuses any command but the runbook ones: nothing happens to the node', async () => {
    const before = ssh.executions.length;
    const result = await runner({ commands: { cleanup: 'cat /etc/shadow' } }).run('alibuild05', 'cleanup');
    expect(result).toMatchObject({ ok: false, kind: 'exit', exitCode: 126 });
    if (result.ok) return;
    expect(result.output?.text).toContain('sim ssh: refused: `cat /etc/shadow` is not a runbook command on this host');
    expect(ssh.executions.slice(before)).toEqual([{ host: 'alibuild05', command: 'cat /etc/shadow', exitCode: 126, refused: true }]);
    expect(nomad.state.node('alibuild05')!.Status).toBe('ready');
  });

  it('a non-zero exit comes back with its code and output, redacted', async () => {
    kit.redactor.add('s3cr3t-vault-token-1234');
    ssh.controls.failNext('alibuild03', {
      exitCode: 1,
      stderr: "rm: cannot remove '/build/nomad/alloc/x/ci/local/y/sw': Device or resource busy\ntoken s3cr3t-vault-token-1234\n",
    });
    const result = await runner().run('alibuild03', 'cleanup');
    expect(result).toMatchObject({ ok: false, kind: 'exit', exitCode: 1 });
    if (result.ok) return;
    expect(result.message).toBe(`The command ended with exit code 1 on ${ssh.addresses().alibuild03}.`);
    expect(result.output?.text).toContain('Device or resource busy');
    expect(result.output?.text).toContain('token [redacted]');
    expect(result.output?.text).not.toContain('s3cr3t');
    expect(result.advice).toContain('Read the command');
  });

  it('refuses a host whose key is not pinned, or not the pinned one, before logging in', async () => {
    const logins = ssh.logins('alibuild11');
    const unknown = await runner({ knownHostsFile: `${kit.dir}/missing` }).run('alibuild11', 'cleanup');
    expect(unknown).toMatchObject({ ok: false, kind: 'unknown-host-key' });
    writeFileSync(
      `${kit.dir}/others`,
      ssh
        .knownHosts()
        .split('\n')
        .filter((l) => !l.includes(ssh.addresses().alibuild11!.split(':')[1]!))
        .join('\n'),
    );
    const notListed = await runner({ knownHostsFile: `${kit.dir}/others` }).run('alibuild11', 'cleanup');
    expect(notListed).toMatchObject({ ok: false, kind: 'unknown-host-key' });
    ssh.controls.rotateHostKey('alibuild11');
    const changed = await runner().run('alibuild11', 'cleanup');
    expect(changed).toMatchObject({ ok: false, kind: 'changed-host-key' });
    if (!changed.ok) expect(changed.message).toContain('presented a host key other than the one pinned in known_hosts: the bot did not log in.');
    // The bot never authenticated to the host it could not verify.
    expect(ssh.logins('alibuild11')).toBe(logins);
    writeFileSync(kit.knownHostsFile, ssh.knownHosts());
  });

  it("a host that does not accept the bot's key", async () => {
    ssh.controls.authorize([]);
    try {
      const result = await runner().run('alibuild05', 'cleanup');
      expect(result).toMatchObject({ ok: false, kind: 'auth' });
      if (!result.ok) expect(result.advice).toContain('authorized_keys');
    } finally {
      ssh.controls.authorize([kit.key.public]);
    }
  });

  it('a refused connection, a host that never answers, and a command that never ends', async () => {
    await ssh.controls.down('alibuild05');
    const refused = await runner().run('alibuild05', 'cleanup');
    expect(refused).toMatchObject({ ok: false, kind: 'refused' });
    await ssh.controls.up('alibuild05');

    ssh.controls.silent('alibuild05', true);
    const silent = await runner({ connectTimeoutMs: 1_500 }).run('alibuild05', 'cleanup');
    expect(silent).toMatchObject({ ok: false, kind: 'connect-timeout' });
    if (!silent.ok) expect(silent.message).toContain('did not complete the SSH handshake within 1.5 s');
    ssh.controls.silent('alibuild05', false);

    ssh.controls.hangNext('alibuild05');
    const hung = await runner({ commandTimeoutMs: 1_500 }).run('alibuild05', 'cleanup');
    expect(hung).toMatchObject({ ok: false, kind: 'command-timeout' });
    if (!hung.ok) expect(hung.message).toContain('The command ran longer than 1.5 s');

    // And the host still works afterwards.
    expect(await runner().run('alibuild05', 'cleanup')).toMatchObject({ ok: true });
  });
});
