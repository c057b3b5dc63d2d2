/** The SSH runner as chatops.yaml (`remediation`) and the environment describe it; none without a key. */
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../clock.js';
import type { Redactor } from '../redact.js';
import { SshRunner } from './runner.js';

export interface RemediationConfig {
  ssh: {
    user: string;
    port: number;
    host: string;
    hosts: Record<string, string>;
    knownHosts?: string | undefined;
    connectTimeout: number;
    commandTimeout: number;
  };
  commands: { cleanup: string };
}

export interface SshEnv {
  CHATOPS_SSH_KEY?: string | undefined;
  CHATOPS_SSH_PRIVATE_KEY?: string | undefined;
  CHATOPS_SSH_KNOWN_HOSTS?: string | undefined;
}

export function sshFromConfig(cfg: RemediationConfig, env: SshEnv, o: { redactor: Redactor; clock: Clock }): SshRunner | undefined {
  const privateKey = env.CHATOPS_SSH_PRIVATE_KEY ? { text: env.CHATOPS_SSH_PRIVATE_KEY } : env.CHATOPS_SSH_KEY ? { file: env.CHATOPS_SSH_KEY } : undefined;
  if (!privateKey) return undefined;
  return new SshRunner(
    {
      user: cfg.ssh.user,
      port: cfg.ssh.port,
      hostTemplate: cfg.ssh.host,
      hosts: cfg.ssh.hosts,
      privateKey,
      knownHostsFile: env.CHATOPS_SSH_KNOWN_HOSTS ?? cfg.ssh.knownHosts ?? join(homedir(), '.ssh', 'known_hosts'),
      connectTimeoutMs: cfg.ssh.connectTimeout,
      commandTimeoutMs: cfg.ssh.commandTimeout,
      commands: { cleanup: cfg.commands.cleanup },
    },
    o,
  );
}

/** `remediation.cleanup` as the node-cleanup operation reads it (milliseconds). */
export function cleanupSettings(c: { idleTimeout: number; drainDeadline: number; readyTimeout: number }) {
  return { idleTimeoutMs: c.idleTimeout, drainDeadlineMs: c.drainDeadline, readyTimeoutMs: c.readyTimeout };
}
