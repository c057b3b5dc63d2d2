/**
 * `sim …` lines in the demo console: change the simulated farm so alerts fire and resolve.
 * Returns what to print, or undefined when the line is not a `sim` command.
 */
import type { ConsulSim } from '../consul/index.js';
import type { NomadSim } from '../nomad/index.js';
import type { VaultSim } from '../vault/index.js';

const HELP = `Scenario controls (the farm changes; watch #ci-alerts):
  sim node down <name>    a node stops heartbeating (e.g. alibuild07)
  sim node up <name>      it comes back
  sim disk drift <name>   800 GiB used outside Nomad's accounting (builds would run out of disk)
  sim disk fix <name>     cleaned up
  sim alloc fail <job>    one builder of the job crashes (Nomad replaces it after the reschedule delay)
  sim consul down|up <master>   a master's Consul agent stops / starts answering (try /ci masters)
  sim vault seal|unseal <master>  a master's Vault is sealed / unsealed
  sim git commit <file> key=value…  merge a change to a var file (e.g. ci/mesosci-cs8.yaml num_builders=10): the bot plans it`;

const GIB = 1024 ** 3;

export async function simCommand(
  words: readonly string[],
  nomad: NomadSim,
  masters?: { consul: ConsulSim; vault: VaultSim },
  git?: (words: readonly string[]) => Promise<string>,
): Promise<string | undefined> {
  if (words[0] !== 'sim') return undefined;
  const [, what, verb, name] = words;
  if (what === 'git') {
    if (verb !== 'commit') return '(sim: usage: sim git commit <file> key=value… (e.g. sim git commit ci/mesosci-cs8.yaml num_builders=10))';
    return git ? git(words.slice(3)) : '(sim: the declarations are a plain directory here (--declarations): edit its files instead)';
  }
  const known = (n: string | undefined) => {
    if (!n) throw new Error('which one?');
    if (!nomad.state.node(n)) throw new Error(`no node ${n} (nodes: alibuild01…alibuild12, alimac01…alimac03)`);
    return n;
  };
  try {
    switch (`${what ?? ''} ${verb ?? ''}`) {
      case 'node down':
        nomad.controls.nodeDown(known(name));
        return `(sim: ${name} stopped heartbeating)`;
      case 'node up':
        nomad.controls.nodeUp(known(name));
        return `(sim: ${name} is back)`;
      case 'disk drift':
        nomad.controls.setUntrackedDiskUsage(known(name), 800 * GIB);
        return `(sim: 800 GiB on ${name} used outside Nomad's accounting; the disk check runs every few seconds in the demo)`;
      case 'disk fix':
        nomad.controls.setUntrackedDiskUsage(known(name), 0);
        return `(sim: ${name}'s build area cleaned up)`;
      case 'consul down':
      case 'consul up':
      case 'vault seal':
      case 'vault unseal': {
        if (!masters || !name || !/^alimesos0[1-3]$/.test(name)) return '(sim: which master? alimesos01, alimesos02 or alimesos03)';
        if (what === 'consul') await (verb === 'down' ? masters.consul.controls.agentDown(name) : masters.consul.controls.agentUp(name));
        else if (verb === 'seal') masters.vault.controls.seal(name);
        else masters.vault.controls.unseal(name);
        return `(sim: ${what} on ${name}: ${verb})`;
      }
      default:
        if (what === 'alloc' && verb === 'fail') {
          const id = nomad.controls.failAllocation(name ?? '');
          return `(sim: allocation ${id.slice(0, 8)} of ${name} failed)`;
        }
        return HELP;
    }
  } catch (err) {
    return `(sim: ${err instanceof Error ? err.message : String(err)})`;
  }
}
