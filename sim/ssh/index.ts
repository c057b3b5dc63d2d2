/**
 * SSH on the simulated farm hosts: one real SSH server (the `ssh2` package's server side) per
 * host on 127.0.0.1, each with its own host key, accepting only the authorized public keys of
 * `root`. It runs the runbook's commands against the simulated Nomad node — `rm -rfv` of the
 * build areas frees the disk the node's accounting misses, `systemctl restart nomad` restarts its
 * client (initializing, then ready with the disk fingerprinted anew) — and refuses anything else,
 * so a test proves that the bot sends nothing but the configured commands. Faults: a host that
 * refuses connections, one that accepts TCP but never speaks SSH, a changed host key, a command
 * that fails or hangs.
 */
import { createServer, type Server as NetServer, type Socket } from 'node:net';
import ssh2 from 'ssh2';
import type { NomadSim } from '../nomad/index.js';

const { Server, utils } = ssh2;
type ParsedKey = Exclude<ReturnType<typeof utils.parseKey>, Error>;

export interface SshSimOptions {
  nomad: NomadSim;
  /** Node names that get an SSH server. */
  hosts: readonly string[];
  /** OpenSSH public key lines allowed to log in as `user`. */
  authorizedKeys: readonly string[];
  user?: string;
}

/** One command a host ran or refused. */
export interface SshExecution {
  host: string;
  command: string;
  exitCode: number;
  refused: boolean;
}

export interface SshHostFault {
  exitCode: number;
  stderr: string;
}

export interface SshSim {
  /** node → `127.0.0.1:port`, for chatops.yaml's `remediation.ssh.hosts`. */
  addresses(): Record<string, string>;
  /** known_hosts lines pinning every host's current key. */
  knownHosts(): string;
  /** Every command a host received, in order. */
  readonly executions: SshExecution[];
  /** Connections that reached authentication, per host. */
  logins(host: string): number;
  controls: {
    /** The host stops listening (connections are refused) / listens again on the same port. */
    down(host: string): Promise<void>;
    up(host: string): Promise<void>;
    /** TCP is accepted but no SSH banner is ever sent (a connect timeout). */
    silent(host: string, on: boolean): void;
    /** The host gets a new host key (a rebuilt VM, or someone in the middle). */
    rotateHostKey(host: string): void;
    /** The next command on the host fails like this instead of running. */
    failNext(host: string, fault: SshHostFault): void;
    /** The next command on the host never ends. */
    hangNext(host: string): void;
    /** Public keys allowed from now on (the bot's key removed: authentication fails). */
    authorize(keys: readonly string[]): void;
  };
  close(): Promise<void>;
}

interface Host {
  name: string;
  port: number;
  hostKey: string;
  hostPublic: string;
  net: NetServer;
  listening: boolean;
  silent: boolean;
  fault?: SshHostFault | 'hang';
  logins: number;
  sockets: Set<Socket>;
}

/** The runbook's commands, part by part (seed 000: `rm -rfv … && systemctl restart nomad`). */
const RM_BUILD_AREAS = /^rm -rfv? \/build\/nomad\/alloc\/\*\/ci\/local\/\*\/sw$/;
const RESTART_NOMAD = /^systemctl restart nomad(\.service)?$/;
const GIB = 1024 ** 3;

export async function startSshSim(o: SshSimOptions): Promise<SshSim> {
  const user = o.user ?? 'root';
  let allowed = parseKeys(o.authorizedKeys);
  const executions: SshExecution[] = [];
  const hosts = new Map<string, Host>();

  const sshServerFor = (h: Host) =>
    new Server({ hostKeys: [h.hostKey] }, (client) => {
      client.on('error', () => undefined);
      client.on('authentication', (ctx) => {
        h.logins += 1;
        if (ctx.method !== 'publickey' || ctx.username !== user) return ctx.reject(['publickey']);
        const key = allowed.find((k) => k.type === ctx.key.algo && k.getPublicSSH().equals(ctx.key.data));
        if (!key) return ctx.reject(['publickey']);
        // Without a signature the client only asks whether the key would do (RFC 4252 §7).
        if (!ctx.signature) return ctx.accept();
        return key.verify(ctx.blob ?? Buffer.alloc(0), ctx.signature, ctx.hashAlgo) === true ? ctx.accept() : ctx.reject(['publickey']);
      });
      client.on('ready', () => {
        client.on('session', (accept) => {
          const session = accept();
          session.on('exec', (acceptExec, _reject, info) => {
            const stream = acceptExec();
            const fault = h.fault;
            delete h.fault;
            if (fault === 'hang') {
              executions.push({ host: h.name, command: info.command, exitCode: -1, refused: false });
              return;
            }
            const run = fault ? { exitCode: fault.exitCode, stdout: '', stderr: fault.stderr, refused: false } : execute(h.name, info.command);
            executions.push({ host: h.name, command: info.command, exitCode: run.exitCode, refused: run.refused });
            if (run.stdout) stream.write(run.stdout);
            if (run.stderr) stream.stderr.write(run.stderr);
            stream.exit(run.exitCode);
            stream.end();
          });
        });
      });
    });

  /** Runs a command made of the runbook's parts joined by `&&`; anything else is refused whole. */
  const execute = (host: string, command: string): { exitCode: number; stdout: string; stderr: string; refused: boolean } => {
    const parts = command.split('&&').map((p) => p.trim());
    if (!parts.every((p) => RM_BUILD_AREAS.test(p) || RESTART_NOMAD.test(p)))
      return { exitCode: 126, stdout: '', stderr: `sim ssh: refused: \`${command}\` is not a runbook command on this host\n`, refused: true };
    let stdout = '';
    for (const part of parts) {
      if (RM_BUILD_AREAS.test(part)) stdout += removeBuildAreas(o.nomad, host, part.includes('v'));
      else o.nomad.controls.restartClient(host);
    }
    return { exitCode: 0, stdout, stderr: '', refused: false };
  };

  const listen = (h: Host) =>
    new Promise<void>((resolve, reject) => {
      h.net.once('error', reject);
      h.net.listen(h.port, '127.0.0.1', () => {
        h.net.off('error', reject);
        h.port = (h.net.address() as { port: number }).port;
        h.listening = true;
        resolve();
      });
    });

  for (const name of o.hosts) {
    const key = utils.generateKeyPairSync('ed25519');
    const h: Host = {
      name,
      port: 0,
      hostKey: key.private,
      hostPublic: key.public,
      net: undefined as unknown as NetServer,
      listening: false,
      silent: false,
      logins: 0,
      sockets: new Set(),
    };
    h.net = createServer((socket) => {
      h.sockets.add(socket);
      socket.on('close', () => h.sockets.delete(socket));
      socket.on('error', () => undefined);
      if (h.silent) return; // accepted, and never a word
      // A fresh ssh2 server per connection, so a rotated key applies to the next connection.
      sshServerFor(h).injectSocket(socket);
    });
    await listen(h);
    hosts.set(name, h);
  }

  const host = (name: string) => {
    const h = hosts.get(name);
    if (!h) throw new Error(`no SSH host ${name} in the simulated farm`);
    return h;
  };
  const closeListener = (h: Host) =>
    new Promise<void>((resolve) => {
      for (const s of h.sockets) s.destroy();
      if (!h.listening) return resolve();
      h.listening = false;
      h.net.close(() => resolve());
    });

  return {
    addresses: () => Object.fromEntries([...hosts.values()].map((h) => [h.name, `127.0.0.1:${h.port}`])),
    knownHosts: () => `${[...hosts.values()].map((h) => `[127.0.0.1]:${h.port} ${h.hostPublic.split(' ').slice(0, 2).join(' ')}`).join('\n')}\n`,
    executions,
    logins: (name) => host(name).logins,
    controls: {
      down: (name) => closeListener(host(name)),
      up: async (name) => {
        const h = host(name);
        if (!h.listening) await listen(h);
      },
      silent: (name, on) => void (host(name).silent = on),
      rotateHostKey: (name) => {
        const h = host(name);
        const key = utils.generateKeyPairSync('ed25519');
        h.hostKey = key.private;
        h.hostPublic = key.public;
      },
      failNext: (name, fault) => void (host(name).fault = fault),
      hangNext: (name) => void (host(name).fault = 'hang'),
      authorize: (keys) => void (allowed = parseKeys(keys)),
    },
    async close() {
      await Promise.all([...hosts.values()].map(closeListener));
    },
  };
}

function parseKeys(lines: readonly string[]): ParsedKey[] {
  return lines.map((line) => {
    const k = utils.parseKey(line);
    if (k instanceof Error) throw new Error(`sim ssh: not a public key: ${line.slice(0, 40)}…`);
    return Array.isArray(k) ? (k[0] as ParsedKey) : k;
  });
}

/** What the runbook's `rm -rfv` removes: the leftover `sw` build areas no allocation accounts for. */
function removeBuildAreas(nomad: NomadSim, host: string, verbose: boolean): string {
  const node = nomad.state.node(host);
  if (!node) return '';
  const disk = nomad.state.disks.get(node.ID);
  const leftover = disk?.untrackedUsedBytes ?? 0;
  nomad.controls.setUntrackedDiskUsage(host, 0);
  if (!verbose || leftover <= 0) return '';
  // One made-up directory per 10 GiB left over, as `rm -v` lists what it removed.
  const dirs = Math.max(1, Math.min(200, Math.round(leftover / (10 * GIB))));
  return Array.from({ length: dirs }, (_, i) => `removed directory '/build/nomad/alloc/${(0x1000 + i).toString(16)}0b7c-2f1e/ci/local/slc9/sw'\n`).join('');
}
