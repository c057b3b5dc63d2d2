/**
 * Runs a configured runbook command on a farm host over SSH (the `ssh2` library), the way an
 * operator's `ssh -o StrictHostKeyChecking=yes` would: the host key must be the one pinned in
 * known_hosts (unknown or changed: nothing is sent), public-key authentication only, a connect
 * timeout (TCP and handshake) and a command timeout, exit code and output kept (bounded and
 * redacted). Every failure is a value with a sentence for people, never a thrown stack.
 */
import { readFile } from 'node:fs/promises';
import { Client, type ClientChannel, type ConnectConfig } from 'ssh2';
import type { Clock, Timer } from '../clock.js';
import type { RemoteCommandName, RemoteCommandsPort, RemoteFailureKind, RemoteOutput, RemoteRun } from '../ports/remote.js';
import type { Redactor } from '../redact.js';
import { KnownHosts, type HostKeyVerdict } from './known-hosts.js';
import { BoundedOutput } from './output.js';

export interface SshSettings {
  user: string;
  /** Port when the host does not say. */
  port: number;
  /** Host name of a node: `{node}` is its Nomad name, `{short}` that name without its domain. */
  hostTemplate: string;
  /** Per node, `host` or `host:port` (`[v6]:port`) instead of the template. */
  hosts: Readonly<Record<string, string>>;
  /** Files read at every connection, so a key rotated by a Vault template is picked up. */
  privateKey: { file: string } | { text: string };
  knownHostsFile: string;
  connectTimeoutMs: number;
  commandTimeoutMs: number;
  commands: Readonly<Record<RemoteCommandName, string>>;
}

export interface SshRunnerOptions {
  redactor: Redactor;
  /** The connect and command timeouts run on it. */
  clock: Clock;
  /** Output kept per run: the first and the last bytes. */
  headBytes?: number;
  tailBytes?: number;
}

const ADVICE: Record<RemoteFailureKind, string> = {
  refused: 'Check that sshd runs on the host (`/ci vm show` shows the VM; a reboot may help), then run the cleanup again.',
  unreachable: "Check the host's name and network (`remediation.ssh.host` in chatops.yaml), then run the cleanup again.",
  'connect-timeout': 'The host may be overloaded or a firewall drops SSH: look at it (`/ci vm show`), then run the cleanup again.',
  auth: "The host does not accept the bot's key: add the bot's public key to root's authorized_keys there (or check CHATOPS_SSH_KEY), then run the cleanup again.",
  'unknown-host-key':
    "Pin the host's key: `ssh-keyscan <host> >> known_hosts`, check its fingerprint against the host's own (`ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` there), then run the cleanup again.",
  'changed-host-key':
    'The host presented a key other than the pinned one: find out why (a rebuilt VM has new keys; anything else may be an attack) before you replace the line in known_hosts.',
  'revoked-host-key': 'The host presented a key marked @revoked in known_hosts: do not connect until the host has new keys.',
  'command-timeout': 'Log in and see whether the command is still running, or what it waits for; then run the cleanup again.',
  exit: "Read the command's output (attached), fix what it reports on the host, then run the cleanup again.",
  protocol: 'Try again; if it fails the same way, connect by hand with `ssh -v` and see where it stops.',
};

/** `alibuild10` → `root@alibuild10.cern.ch:22` and its command, per the settings. */
export function sshTarget(s: Pick<SshSettings, 'hostTemplate' | 'hosts' | 'port'>, node: string): { host: string; port: number } {
  const fixed = s.hosts[node];
  if (fixed) {
    const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(fixed) ?? /^([^:]+)(?::(\d+))?$/.exec(fixed);
    if (m) return { host: m[1]!, port: m[2] ? Number(m[2]) : s.port };
  }
  const short = node.replace(/\..*$/, '');
  return { host: s.hostTemplate.replaceAll('{node}', node).replaceAll('{short}', short), port: s.port };
}

export class SshRunner implements RemoteCommandsPort {
  private readonly now: () => number;

  constructor(
    private readonly s: SshSettings,
    private readonly o: SshRunnerOptions,
  ) {
    this.now = () => o.clock.now();
    if ('text' in s.privateKey) o.redactor.add(s.privateKey.text);
  }

  describe(node: string, command: RemoteCommandName): { target: string; command: string } {
    const { host, port } = sshTarget(this.s, node);
    return { target: `${this.s.user}@${host}${port === 22 ? '' : `:${port}`}`, command: this.s.commands[command] };
  }

  async pinned(node: string): Promise<boolean> {
    const { host, port } = sshTarget(this.s, node);
    const known = await this.readKnownHosts().catch(() => undefined);
    return known !== undefined && known.typesFor(host, port).length > 0;
  }

  private async readKnownHosts(): Promise<KnownHosts> {
    return KnownHosts.parse(await readFile(this.s.knownHostsFile, 'utf8'));
  }

  async run(node: string, name: RemoteCommandName, signal?: AbortSignal): Promise<RemoteRun> {
    const started = this.now();
    const { host, port } = sshTarget(this.s, node);
    const command = this.s.commands[name];
    const fail = (kind: RemoteFailureKind, message: string, extra: Partial<Extract<RemoteRun, { ok: false }>> = {}): RemoteRun => ({
      ok: false,
      kind,
      message: this.o.redactor.redact(message),
      advice: ADVICE[kind],
      durationMs: this.now() - started,
      ...extra,
    });
    let known: KnownHosts;
    let key: string;
    try {
      known = await this.readKnownHosts();
    } catch (err) {
      return fail('unknown-host-key', `known_hosts could not be read (${(err as NodeJS.ErrnoException).code ?? 'error'}): no host key is pinned for ${host}.`);
    }
    try {
      key = 'text' in this.s.privateKey ? this.s.privateKey.text : await readFile(this.s.privateKey.file, 'utf8');
    } catch (err) {
      return fail('auth', `The bot's SSH key could not be read (${(err as NodeJS.ErrnoException).code ?? 'error'}).`);
    }
    this.o.redactor.add(key.trim());
    const types = known.typesFor(host, port);
    if (types.length === 0 && !known.keysFor(host, port).some((k) => k.revoked))
      return fail(
        'unknown-host-key',
        `${host}${port === 22 ? '' : `:${port}`} is not in known_hosts: the bot does not connect to a host whose key it cannot check.`,
      );
    return this.connectAndRun({ host, port, command, key, known, types, fail, started, ...(signal ? { signal } : {}) });
  }

  private connectAndRun(a: {
    host: string;
    port: number;
    command: string;
    key: string;
    known: KnownHosts;
    types: string[];
    fail: (kind: RemoteFailureKind, message: string, extra?: Partial<Extract<RemoteRun, { ok: false }>>) => RemoteRun;
    started: number;
    signal?: AbortSignal;
  }): Promise<RemoteRun> {
    const where = `${a.host}${a.port === 22 ? '' : `:${a.port}`}`;
    return new Promise<RemoteRun>((resolve) => {
      const conn = new Client();
      let verdict: HostKeyVerdict | undefined;
      let done = false;
      let commandTimer: Timer | undefined;
      // Our own connect timeout (TCP and handshake) on the injected clock; ssh2's readyTimeout is a backstop.
      const connectTimer = this.o.clock.after(this.s.connectTimeoutMs, () =>
        finish(a.fail('connect-timeout', `${where} did not complete the SSH handshake within ${seconds(this.s.connectTimeoutMs)}.`)),
      );
      const out = new BoundedOutput(this.o.headBytes ?? 16_384, this.o.tailBytes ?? 48_000);
      const output = (): RemoteOutput => ({ text: this.o.redactor.redact(out.text()), bytes: out.total, omittedBytes: out.omitted });
      const finish = (r: RemoteRun) => {
        if (done) return;
        done = true;
        connectTimer.cancel();
        commandTimer?.cancel();
        a.signal?.removeEventListener('abort', onAbort);
        conn.end();
        conn.destroy();
        resolve(r);
      };
      const onAbort = () => finish(a.fail('protocol', `The bot stopped while the command ran on ${where}.`));
      a.signal?.addEventListener('abort', onAbort, { once: true });
      conn.on('error', (err: Error & { level?: string; code?: string }) => {
        if (verdict && verdict !== 'match')
          return finish(a.fail(`${verdict === 'unknown-host' ? 'unknown' : verdict}-host-key` as RemoteFailureKind, hostKeyText(verdict, where)));
        if (err.code === 'ECONNREFUSED') return finish(a.fail('refused', `${where} refused the SSH connection (nothing listens on port ${a.port}).`));
        if (err.code === 'ENOTFOUND' || err.code === 'EHOSTUNREACH' || err.code === 'ENETUNREACH' || err.code === 'EAI_AGAIN')
          return finish(a.fail('unreachable', `${where} cannot be reached (${err.code}).`));
        if (err.level === 'client-timeout')
          return finish(a.fail('connect-timeout', `${where} did not complete the SSH handshake within ${seconds(this.s.connectTimeoutMs)}.`));
        if (err.level === 'client-authentication') return finish(a.fail('auth', `${where} refused the bot's SSH key (${this.s.user}, publickey).`));
        finish(a.fail('protocol', `The SSH connection to ${where} failed: ${err.message}.`));
      });
      conn.on('ready', () => {
        connectTimer.cancel();
        conn.exec(a.command, (err: Error | undefined, stream: ClientChannel) => {
          if (err) return finish(a.fail('protocol', `${where} did not run the command: ${err.message}.`));
          commandTimer = this.o.clock.after(this.s.commandTimeoutMs, () =>
            finish(
              a.fail('command-timeout', `The command ran longer than ${seconds(this.s.commandTimeoutMs)} on ${where}; the bot closed the connection.`, {
                output: output(),
              }),
            ),
          );
          stream.on('data', (d: Buffer) => out.push(d));
          stream.stderr.on('data', (d: Buffer) => out.push(d));
          stream.on('close', (code: number | null, signal?: string) => {
            if (code === 0) return finish({ ok: true, exitCode: 0, output: output(), durationMs: this.now() - a.started });
            const how = code !== null && code !== undefined ? `exit code ${code}` : `signal ${signal ?? 'unknown'}`;
            finish(
              a.fail('exit', `The command ended with ${how} on ${where}.`, { exitCode: code ?? undefined, signal: signal ?? undefined, output: output() }),
            );
          });
        });
      });
      const config: ConnectConfig = {
        host: a.host,
        port: a.port,
        username: this.s.user,
        privateKey: a.key,
        readyTimeout: this.s.connectTimeoutMs + 5_000,
        // Only public-key authentication: no password or keyboard-interactive prompt can be answered.
        authHandler: ['publickey'],
        // Offer the pinned key types only, as ssh does: a host with several keys shows the pinned one.
        algorithms: { serverHostKey: a.types as NonNullable<NonNullable<ConnectConfig['algorithms']>['serverHostKey']> },
        hostVerifier: (blob: Buffer) => {
          verdict = a.known.verify(a.host, a.port, keyType(blob), blob);
          return verdict === 'match';
        },
      };
      try {
        conn.connect(config);
      } catch (err) {
        finish(a.fail('protocol', `The SSH connection to ${where} could not start: ${(err as Error).message}.`));
      }
    });
  }
}

/** The key type at the start of an SSH public key blob (a length-prefixed string). */
function keyType(blob: Buffer): string {
  if (blob.length < 4) return '';
  const len = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + len).toString('latin1');
}

function hostKeyText(verdict: HostKeyVerdict, where: string): string {
  if (verdict === 'changed') return `${where} presented a host key other than the one pinned in known_hosts: the bot did not log in.`;
  if (verdict === 'revoked') return `${where} presented a host key marked @revoked in known_hosts: the bot did not log in.`;
  return `${where} is not in known_hosts: the bot does not log in to a host whose key it cannot check.`;
}

const seconds = (ms: number) => (ms >= 60_000 && ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 100) / 10} s`);
