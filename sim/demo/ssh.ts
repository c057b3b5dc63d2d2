/**
 * SSH on the demo farm's build hosts (sim/ssh): the bot's key pair and a known_hosts pinning every
 * host, in a temporary directory removed on exit, as an operator would give them to the bot.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import type { NomadSim } from '../nomad/index.js';
import { startSshSim } from '../ssh/index.js';
import type { Cleanup } from './cleanup.js';

export async function startDemoSsh(nomad: NomadSim, cleanup: Cleanup): Promise<{ hosts: Record<string, string>; keyFile: string; knownHostsFile: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'ci-chatops-demo-ssh-'));
  cleanup.add('the SSH keys', async () => rmSync(dir, { recursive: true, force: true }));
  const key = ssh2.utils.generateKeyPairSync('ed25519');
  const keyFile = join(dir, 'id_ed25519');
  writeFileSync(keyFile, key.private, { mode: 0o600 });
  const hosts = [...nomad.state.nodes.values()].map((n) => n.Name).filter((n) => n.startsWith('ali') && !n.startsWith('alimesos'));
  const sim = await startSshSim({ nomad, hosts, authorizedKeys: [key.public] });
  cleanup.add('simulated SSH', () => sim.close());
  const knownHostsFile = join(dir, 'known_hosts');
  writeFileSync(knownHostsFile, sim.knownHosts());
  return { hosts: sim.addresses(), keyFile, knownHostsFile };
}
