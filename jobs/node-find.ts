/**
 * Finds the node a person means: its name (`alibuild05`, with or without the domain), its full ID,
 * or a unique start of its ID, like the CLI. Anything else is a question with suggestions.
 */
import { editDistance } from '../src/operations/index.js';
import { HttpApiError, explainError } from '../src/errors.js';
import type { JobDeps, NomadNodeStub } from '../src/ports.js';

export type NodeLookup = { ok: true; node: NomadNodeStub } | { ok: false; message: string };

const short = (name: string) => name.replace(/\..*$/, '');

export async function findNode(typed: string, deps: JobDeps): Promise<NodeLookup> {
  const { data: nodes } = await deps.nomad.nodes.list();
  const wanted = typed.toLowerCase();
  const byName = nodes.filter((n) => n.Name.toLowerCase() === wanted || short(n.Name).toLowerCase() === short(wanted));
  if (byName.length === 1) return { ok: true, node: byName[0]! };
  const byId = /^[0-9a-f-]{2,36}$/.test(wanted) ? nodes.filter((n) => n.ID.startsWith(wanted)) : [];
  if (byName.length === 0 && byId.length === 1) return { ok: true, node: byId[0]! };
  const many = byName.length > 1 ? byName : byId;
  if (many.length > 1) {
    const list = many.slice(0, 8).map((n) => `${n.Name} (${n.ID.slice(0, 8)})`);
    return { ok: false, message: `\`${typed}\` could be ${list.join(', ')}${many.length > 8 ? ` and ${many.length - 8} more` : ''}: say which one.` };
  }
  const near = closestNames(
    typed,
    nodes.map((n) => short(n.Name)),
  );
  const hint = near.length ? ` Did you mean ${near.join(', ')}?` : ' `/ci nodes` lists them.';
  return { ok: false, message: `No node called \`${typed}\`.${hint}` };
}

/** Up to three names within a small edit distance (`alibuild5` → alibuild05). */
export function closestNames(word: string, names: readonly string[]): string[] {
  const w = word.toLowerCase();
  const limit = Math.max(2, Math.floor(w.length / 3));
  return [...new Set(names)]
    .map((n) => ({ n, d: editDistance(w, n.toLowerCase()) }))
    .filter((x) => x.d <= limit)
    .sort((a, b) => a.d - b.d || a.n.localeCompare(b.n))
    .filter((x, _, all) => x.d === all[0]!.d) // only the nearest: alibuild5 → alibuild05, not alibuild01
    .slice(0, 3)
    .map((x) => x.n);
}

/** "alibuild05 (cern-b, builder): ready, eligible, not draining". */
export function nodeState(n: NomadNodeStub): string {
  const drain = n.Drain ? 'draining' : 'not draining';
  return `${n.Name} (${n.Datacenter}${n.NodeClass ? `, ${n.NodeClass}` : ''}): ${n.Status}, ${n.SchedulingEligibility}, ${drain}`;
}

/** Nomad's plain 500s on node writes, in words a person can act on; undefined for anything else. */
export function nodeWriteRefusal(err: unknown, name: string): string | undefined {
  if (!(err instanceof HttpApiError)) return undefined;
  if (/node not found/.test(err.body))
    return `Nomad no longer knows node ${name} (node not found): it was purged or replaced. \`/ci nodes\` lists the current ones.`;
  if (/while it is draining/.test(err.body))
    return `${name} is draining, and Nomad will not make a draining node eligible: \`/ci node undrain ${name}\` cancels the drain and makes it eligible.`;
  if (err.status === 403) return `${explainError(err)}.`;
  return undefined;
}
