/**
 * Runbook commands on farm hosts (design §2, `src/ssh`): what jobs may ask. A command is named,
 * never written: its text comes from chatops.yaml (`remediation.commands`), never from chat.
 */

/** The commands chatops.yaml defines; `cleanup` is seed 000's nomad-diskfree cleanup. */
export type RemoteCommandName = 'cleanup';

/** Why a command did not run to a zero exit code, as a person would say it. */
export type RemoteFailureKind =
  | 'refused' // nothing listens on the SSH port (ECONNREFUSED)
  | 'unreachable' // no route, no such host name
  | 'connect-timeout' // no SSH handshake within the connect timeout
  | 'auth' // the host refused the bot's key
  | 'unknown-host-key' // the host is not in known_hosts
  | 'changed-host-key' // known_hosts pins another key for it
  | 'revoked-host-key'
  | 'command-timeout' // it ran longer than the command timeout (the connection was closed)
  | 'exit' // it ended with a non-zero exit code or a signal
  | 'protocol'; // anything else the SSH connection reported

export interface RemoteOutput {
  /** stdout then stderr, bounded (head and tail) and redacted. */
  text: string;
  /** Bytes the command printed in all. */
  bytes: number;
  /** Bytes left out of `text` (between its head and its tail). */
  omittedBytes: number;
}

export type RemoteRun =
  | { ok: true; exitCode: 0; output: RemoteOutput; durationMs: number }
  | {
      ok: false;
      kind: RemoteFailureKind;
      /** One sentence for the channel: what failed. */
      message: string;
      /** What a person can do about it. */
      advice: string;
      exitCode?: number | undefined;
      signal?: string | undefined;
      output?: RemoteOutput | undefined;
      durationMs: number;
    };

export interface RemoteCommandsPort {
  /** Where and what: `root@alibuild10.cern.ch:22` and the command's text, for the plan. */
  describe(node: string, command: RemoteCommandName): { target: string; command: string };
  /** Whether known_hosts pins a key for the node's host (a plan check; the connection verifies it). */
  pinned(node: string): Promise<boolean>;
  run(node: string, command: RemoteCommandName, signal?: AbortSignal): Promise<RemoteRun>;
}
