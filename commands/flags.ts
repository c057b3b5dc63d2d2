/**
 * Options as operators type them after the nomad CLI: `--tail 50`, `--tail=50`, `-tail 50`.
 * Specs name each option once; an unknown one is an error, never ignored.
 */
import { echo } from './tokenize.js';

export type FlagKind = 'bool' | 'value';

export type Flags = { ok: true; positional: string[]; values: Map<string, string>; bools: Set<string> } | { ok: false; problem: string };

/** `record[key]` for the record's own keys only: a typed `toString` or `__proto__` finds nothing, not Object.prototype's. */
export function ownEntry<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

export function parseFlags(args: readonly string[], spec: Readonly<Record<string, FlagKind>>): Flags {
  const positional: string[] = [];
  const values = new Map<string, string>();
  const bools = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!/^--?[A-Za-z]/.test(a)) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.replace(/^--?/, '').slice(0, eq < 0 ? undefined : eq - (a.startsWith('--') ? 2 : 1));
    const kind = ownEntry(spec, name);
    if (!kind) return { ok: false, problem: `Unknown option \`${echo(a, 30)}\`.` };
    if (kind === 'bool') {
      if (eq >= 0) return { ok: false, problem: `\`--${name}\` takes no value.` };
      bools.add(name);
      continue;
    }
    const value = eq >= 0 ? a.slice(eq + 1) : args[++i];
    if (value === undefined || value === '') return { ok: false, problem: `\`--${name}\` needs a value.` };
    if (values.has(name)) return { ok: false, problem: `\`--${name}\` is given twice.` };
    values.set(name, value);
  }
  return { ok: true, positional, values, bools };
}

/** For a verb without arguments: why `args` does not fit (an unknown option, a word), or undefined. */
export function noArgumentsProblem(args: readonly string[], usage: string): string | undefined {
  const f = parseFlags(args, {});
  if (!f.ok) return `${f.problem} Usage: \`${usage}\``;
  return f.positional.length ? `\`${usage}\` takes no arguments.` : undefined;
}

/** Durations as operators type them (`1h`, `30m`, `90s`, `1h30m`, `1d`), in milliseconds. */
export { parseDuration } from '../src/operations/index.js';
