/**
 * Secrets kept out of everything that leaves the bot (Slack text, log lines, the audit trail,
 * error messages). Each bot has its own `Redactor`, built by the composition root from its
 * configuration and fed by its adapters as they learn secrets (a Keystone token, a new VM's
 * admin password): two bots in one process — a test, the demo — never share or leak each
 * other's list. Token formats that are secrets wherever they appear are masked everywhere.
 */
export const REDACTED = '[redacted]';

/** Slack tokens, Vault service/batch tokens: secrets by their shape alone. */
const TOKEN_PATTERNS: readonly RegExp[] = [/\bxox[abprs]-[A-Za-z0-9-]{8,}/g, /\bxapp-[A-Za-z0-9-]{8,}/g, /\bhv[sb]\.[A-Za-z0-9_-]{20,}/g];

/** Masks the token formats only: for text built where no bot's secrets are known (error constructors). */
export function maskTokens(text: string): string {
  let out = text;
  for (const p of TOKEN_PATTERNS) out = out.replace(p, REDACTED);
  return out;
}

export class Redactor {
  private readonly secrets = new Set<string>();
  private readonly patterns: RegExp[] = [...TOKEN_PATTERNS];

  /** A literal secret. Short values are ignored: masking "a" would garble every message. */
  add(value: string | undefined | null): void {
    if (value && value.length >= 6) this.secrets.add(value);
  }

  /** A pattern from configuration (e.g. `AKIA[0-9A-Z]{16}`). */
  addPattern(source: string): void {
    this.patterns.push(new RegExp(source, 'g'));
  }

  redact(text: string): string {
    let out = text;
    for (const s of this.secrets) if (out.includes(s)) out = out.split(s).join(REDACTED);
    for (const p of this.patterns) out = out.replace(p, REDACTED);
    return out;
  }

  /** Deep redaction for structured values (log objects, Block Kit payloads). */
  redactDeep<T>(value: T): T {
    if (typeof value === 'string') return this.redact(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.redactDeep(v)) as T;
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = this.redactDeep(v);
      return out as T;
    }
    return value;
  }
}
