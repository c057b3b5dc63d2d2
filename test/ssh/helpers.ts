/** An SshRunner with its key and known_hosts in a temporary directory, as the bot gets them. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { systemClock } from '../../src/clock.js';
import { Redactor } from '../../src/redact.js';
import { SshRunner, type SshSettings } from '../../src/ssh/runner.js';

export const RUNBOOK_CLEANUP = 'rm -rfv /build/nomad/alloc/*/ci/local/*/sw && systemctl restart nomad';

export interface RunnerKit {
  dir: string;
  /** The bot's key pair (OpenSSH format). */
  key: { private: string; public: string };
  knownHostsFile: string;
  redactor: Redactor;
  runner(overrides?: Partial<SshSettings>): SshRunner;
  remove(): void;
}

export function runnerKit(base: Partial<SshSettings> & { knownHosts: string }): RunnerKit {
  const dir = mkdtempSync(join(tmpdir(), 'ci-chatops-ssh-'));
  const key = ssh2.utils.generateKeyPairSync('ed25519');
  const keyFile = join(dir, 'id_ed25519');
  writeFileSync(keyFile, key.private, { mode: 0o600 });
  const knownHostsFile = join(dir, 'known_hosts');
  writeFileSync(knownHostsFile, base.knownHosts);
  const redactor = new Redactor();
  const { knownHosts: _, ...rest } = base;
  return {
    dir,
    key,
    knownHostsFile,
    redactor,
    runner: (overrides = {}) =>
      new SshRunner(
        {
          user: 'root',
          port: 22,
          hostTemplate: '{short}.cern.ch',
          hosts: {},
          privateKey: { file: keyFile },
          knownHostsFile,
          connectTimeoutMs: 20_000,
          commandTimeoutMs: 60_000,
          commands: { cleanup: RUNBOOK_CLEANUP },
          ...rest,
          ...overrides,
        },
        { redactor, clock: systemClock },
      ),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
