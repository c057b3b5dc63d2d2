/**
 * OpenSSH's known_hosts, read the way `ssh` reads it (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT"):
 * comma-separated host patterns with `*`/`?` wildcards and `!` negation, `[host]:port` for a
 * port other than 22, hashed names (`|1|salt|hmac-sha1`), and the `@revoked` marker. Lines with
 * `@cert-authority` are skipped: the bot pins plain host keys only. There is no npm library for
 * this that is kept up; it is small and the tests hold it to a real OpenSSH.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface KnownKey {
  /** `ssh-ed25519`, `ecdsa-sha2-nistp256`, `ssh-rsa`… */
  type: string;
  /** The public key blob (base64-decoded), as the server sends it. */
  blob: Buffer;
  revoked: boolean;
}

interface Entry extends KnownKey {
  patterns: string[];
  hashed?: { salt: Buffer; hash: Buffer };
}

/** What known_hosts says of a key a host presented. */
export type HostKeyVerdict = 'match' | 'unknown-host' | 'changed' | 'revoked';

/** `host` on port 22, `[host]:port` otherwise: the name ssh looks up. */
export const hostLookupName = (host: string, port: number) => (port === 22 ? host : `[${host}]:${port}`);

export class KnownHosts {
  private constructor(private readonly entries: readonly Entry[]) {}

  /** Parses the file's text; malformed lines are skipped, as ssh does. */
  static parse(text: string): KnownHosts {
    const entries: Entry[] = [];
    for (const raw of text.split(/\r?\n/)) {
      const line = raw.trim();
      if (!line || line.startsWith('#')) continue;
      const fields = line.split(/\s+/);
      let revoked = false;
      if (fields[0]?.startsWith('@')) {
        const marker = fields.shift();
        if (marker === '@cert-authority') continue;
        if (marker !== '@revoked') continue;
        revoked = true;
      }
      const [hosts, type, key] = fields;
      if (!hosts || !type || !key || !/^[A-Za-z0-9+/]+={0,2}$/.test(key)) continue;
      const blob = Buffer.from(key, 'base64');
      const entry: Entry = { patterns: [], type, blob, revoked };
      const hashed = /^\|1\|([A-Za-z0-9+/=]+)\|([A-Za-z0-9+/=]+)$/.exec(hosts);
      if (hashed) entry.hashed = { salt: Buffer.from(hashed[1]!, 'base64'), hash: Buffer.from(hashed[2]!, 'base64') };
      else entry.patterns = hosts.split(',');
      entries.push(entry);
    }
    return new KnownHosts(entries);
  }

  /** Keys pinned for `host` on `port` (revoked ones included, marked). */
  keysFor(host: string, port: number): KnownKey[] {
    const name = hostLookupName(host, port);
    return this.entries.filter((e) => (e.hashed ? hashedMatch(e.hashed, name) : patternsMatch(e.patterns, name)));
  }

  /** The key types ssh would prefer for this host: those it has pinned (and not revoked). */
  typesFor(host: string, port: number): string[] {
    return [
      ...new Set(
        this.keysFor(host, port)
          .filter((k) => !k.revoked && !k.type.includes('-cert-'))
          .map((k) => k.type),
      ),
    ];
  }

  verify(host: string, port: number, type: string, blob: Buffer): HostKeyVerdict {
    const keys = this.keysFor(host, port);
    // A revoked key is refused wherever it shows up, whatever else is pinned.
    if (this.entries.some((e) => e.revoked && e.blob.equals(blob))) return 'revoked';
    if (keys.some((k) => !k.revoked && k.type === type && k.blob.equals(blob))) return 'match';
    return keys.some((k) => !k.revoked) ? 'changed' : 'unknown-host';
  }
}

function hashedMatch(h: { salt: Buffer; hash: Buffer }, name: string): boolean {
  const mac = createHmac('sha1', h.salt).update(name).digest();
  return mac.length === h.hash.length && timingSafeEqual(mac, h.hash);
}

/** match_hostname(): a negated pattern that matches wins (no match); else any positive match. */
function patternsMatch(patterns: readonly string[], name: string): boolean {
  let matched = false;
  for (const p of patterns) {
    const negated = p.startsWith('!');
    if (wildcard(negated ? p.slice(1) : p, name)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

/** OpenSSH's match_pattern: `*` and `?`, case-insensitive for host names. */
function wildcard(pattern: string, name: string): boolean {
  const re = pattern
    .toLowerCase()
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${re}$`).test(name.toLowerCase());
}
