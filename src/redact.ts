/**
 * One process-wide registry of secret values (tokens, passwords, Vault data) and patterns.
 * Everything that leaves the process (Slack text, log lines, error messages) goes through
 * `redact`, so a secret that leaks into a Nomad error body or a log line is masked.
 */
const secrets = new Set<string>();
const patterns: RegExp[] = [
  // Slack tokens, Vault service/batch tokens, OpenStack/Keystone-looking bearer values.
  /\bxox[abprs]-[A-Za-z0-9-]{8,}/g,
  /\bxapp-[A-Za-z0-9-]{8,}/g,
  /\bhv[sb]\.[A-Za-z0-9_-]{20,}/g,
];

export const REDACTED = '[redacted]';

/** Registers a literal secret. Short values are ignored: masking "a" would garble every message. */
export function registerSecret(value: string | undefined | null): void {
  if (value && value.length >= 6) secrets.add(value);
}

/** Registers a pattern from configuration (e.g. `AKIA[0-9A-Z]{16}`). */
export function registerSecretPattern(source: string): void {
  patterns.push(new RegExp(source, 'g'));
}

export function redact(text: string): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join(REDACTED);
  for (const p of patterns) out = out.replace(p, REDACTED);
  return out;
}

/** Deep redaction for structured values (log objects, Block Kit payloads). */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v);
    return out as T;
  }
  return value;
}
