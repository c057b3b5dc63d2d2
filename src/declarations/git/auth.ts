/**
 * Credentials for the declarations remote, from the environment, as environment for git:
 * - SSH: a deploy key (CHATOPS_GIT_SSH_KEY) and the host's pinned key (CHATOPS_GIT_KNOWN_HOSTS),
 *   always with StrictHostKeyChecking=yes, so an unknown or changed host key fails the fetch.
 * - HTTPS: a token (CHATOPS_GIT_TOKEN) sent as an `Authorization` header through git's
 *   GIT_CONFIG_COUNT/KEY/VALUE variables (git ≥ 2.31): never in the URL, which git prints in its
 *   messages, and never on a command line, which `ps` shows.
 */

export interface GitCredentials {
  sshKey?: string | undefined;
  knownHosts?: string | undefined;
  token?: string | undefined;
  username?: string | undefined;
}

/** `git@host:org/repo.git` and `ssh://…` are SSH; `https://…` and `http://…` are HTTP; anything else (a path, file://) is local. */
export function transportOf(url: string): 'ssh' | 'http' | 'local' {
  if (/^https?:\/\//i.test(url)) return 'http';
  if (/^(ssh|git\+ssh|ssh\+git):\/\//i.test(url) || /^[^/:]+@[^/:]+:/.test(url)) return 'ssh';
  return 'local';
}

/** A path as one word of the shell command git runs for GIT_SSH_COMMAND. */
const shellWord = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The environment that gives git these credentials for `url`; `secret` is told what must never be shown. */
export function credentialEnv(url: string, c: GitCredentials, secret: (value: string) => void): Record<string, string> {
  const transport = transportOf(url);
  if (transport === 'ssh') {
    const parts = ['ssh', '-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=yes'];
    if (c.knownHosts) parts.push('-o', `UserKnownHostsFile=${shellWord(c.knownHosts)}`);
    if (c.sshKey) parts.push('-i', shellWord(c.sshKey), '-o', 'IdentitiesOnly=yes');
    return { GIT_SSH_COMMAND: parts.join(' ') };
  }
  if (transport === 'http' && c.token) {
    const basic = Buffer.from(`${c.username ?? 'x-access-token'}:${c.token}`).toString('base64');
    secret(c.token);
    secret(basic);
    return { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'http.extraHeader', GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}` };
  }
  return {};
}

/** Credentials that do not fit the URL, as a sentence for the start-up log (a token for an SSH URL is ignored, not sent). */
export function credentialMismatch(url: string, c: GitCredentials): string | undefined {
  const t = transportOf(url);
  if (t === 'ssh' && c.token) return 'CHATOPS_GIT_TOKEN is set but declarations.git.url is an SSH address: the token is not used';
  if (t === 'http' && (c.sshKey || c.knownHosts))
    return 'CHATOPS_GIT_SSH_KEY/KNOWN_HOSTS are set but declarations.git.url is an HTTPS address: they are not used';
  return undefined;
}
