/**
 * Finds the declaration a person means: `mesosci-cs8`, `ci-mesosci-cs8` (the job) or
 * `ci/mesosci-cs8` (the path), or a templated directory (`ci`). More than one match is a
 * question back, never a guess; nothing that could leave the repository is accepted.
 */
import { GitRef, type KnownDeclaration, type KnownDeclarations, type WorldOptions } from '../src/operations/index.js';
import { parseFlags } from './flags.js';
import { closest, orList } from './suggest.js';
import { echo } from './tokenize.js';

export type DeclarationResolution =
  | { ok: true; kind: 'instance'; instance: KnownDeclaration }
  | { ok: true; kind: 'dir'; dir: string; instances: KnownDeclaration[] }
  | { ok: false; message: string };

const describe = (i: KnownDeclaration) => `\`${i.key}\` (job ${i.jobName})`;

export function resolveDeclaration(typed: string, decls: KnownDeclarations | undefined, verb: string): DeclarationResolution {
  if (!decls) return { ok: false, message: 'No declarations repository is configured (`declarations.dir` in chatops.yaml).' };
  if (decls.refProblem) return { ok: false, message: decls.refProblem };
  const name = typed
    .trim()
    .replace(/\.(nomad|ya?ml)$/, '')
    .replace(/\/+$/, '');
  if (name.split('/').some((p) => p === '..' || p === '.') || name.startsWith('/') || /[\\\0]/.test(name)) {
    return {
      ok: false,
      message: `\`${echo(typed)}\` is not a declaration name: use \`<instance>\` or \`<dir>/<instance>\`, e.g. \`/ci ${verb} ci/mesosci-cs8\`.`,
    };
  }
  const byKey = decls.instances.filter((i) => i.key === name);
  if (byKey.length === 1) return { ok: true, kind: 'instance', instance: byKey[0]! };
  const matches = [...new Set([...decls.instances.filter((i) => i.jobName === name), ...decls.instances.filter((i) => i.name === name)])];
  const isDir = decls.dirs.includes(name);
  if (isDir && matches.length === 0) return { ok: true, kind: 'dir', dir: name, instances: decls.instances.filter((i) => i.dir === name) };
  if (!isDir && matches.length === 1) return { ok: true, kind: 'instance', instance: matches[0]! };
  if (matches.length > 0) {
    const options = [...matches.map(describe), ...(isDir ? [`the whole directory \`${name}/\``] : [])];
    return { ok: false, message: `\`${echo(name)}\` could mean ${orList(options)}. Say which, e.g. \`/ci ${verb} ${matches[0]!.key}\`.` };
  }
  const names = decls.instances.flatMap((i) => [i.key, i.name, i.jobName]);
  const near = [...new Set(closest(name, names).map((n) => decls.instances.find((i) => i.key === n || i.name === n || i.jobName === n)!))];
  const hint = near.length ? ` Did you mean ${orList(near.map(describe))}?` : ` \`/ci drift\` lists the declarations.`;
  return { ok: false, message: `No declaration called \`${echo(name)}\`.${hint}` };
}

/** `<instance|dir> [--ref R]`: the one name and the ref, or the problem (without the usage, which the caller adds). */
export function declarationArgs(
  args: readonly string[],
  decls: KnownDeclarations | undefined,
): { ok: true; name: string; ref?: string } | { ok: false; problem: string } {
  const f = parseFlags(args, { ref: 'value' });
  if (!f.ok) return { ok: false, problem: f.problem };
  if (f.positional.length === 0) return { ok: false, problem: 'Which declaration?' };
  if (f.positional.length > 1) return { ok: false, problem: `Too many words: \`${echo(f.positional.slice(1).join(' '))}\`.` };
  const ref = f.values.get('ref');
  if (ref === undefined) return { ok: true, name: f.positional[0]! };
  if (decls && !decls.git)
    return { ok: false, problem: '`--ref` needs the declarations in git (`declarations.git` in chatops.yaml); these are a plain directory.' };
  if (!GitRef.safeParse(ref).success)
    return { ok: false, problem: `\`${echo(ref, 60)}\` is not a branch, tag or commit name (e.g. \`main\`, \`v1.2\`, \`3f2a1bc\`).` };
  return { ok: true, name: f.positional[0]!, ref };
}

/** `--ref R` among the words, when it is a valid ref: the names are then looked up at R (the parse reports anything else). */
export function refWorld(args: readonly string[]): WorldOptions {
  const f = parseFlags(args, { ref: 'value' });
  const ref = f.ok ? f.values.get('ref') : undefined;
  return ref !== undefined && GitRef.safeParse(ref).success ? { ref } : {};
}
