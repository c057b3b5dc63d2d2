/** Turns what a person typed into an instance, a directory, or candidates: never a guess. */
import { editDistance } from './edit-distance.js';
import { type Instance, type Resolution, instanceKey } from './types.js';

/** Names that could only point outside the repository or at odd files. */
function unsafe(text: string): string | undefined {
  if (text.includes('\0')) return 'names cannot contain NUL characters';
  if (text.startsWith('/') || text.startsWith('\\') || /^[a-zA-Z]:/.test(text)) return 'absolute paths are not declaration names';
  if (text.split(/[\\/]/).some((part) => part === '..' || part === '.')) return "'..' and '.' are not allowed in declaration names";
  if (text.includes('\\')) return 'use / to separate a directory from an instance';
  return undefined;
}

function suggest(text: string, instances: Instance[]): Instance[] {
  const scored = instances.map((i) => {
    const names = [i.name, i.jobName, instanceKey(i)];
    return { i, d: Math.min(...names.map((n) => editDistance(text.toLowerCase(), n.toLowerCase()))) };
  });
  const limit = Math.max(2, Math.floor(text.length / 3));
  return scored
    .filter((s) => s.d <= limit)
    .sort((a, b) => a.d - b.d || a.i.name.localeCompare(b.i.name))
    .slice(0, 3)
    .map((s) => s.i);
}

export function resolveName(text: string, instances: Instance[], dirs: string[]): Resolution {
  const name = text
    .trim()
    .replace(/\.(nomad|ya?ml)$/, '')
    .replace(/\/+$/, '');
  const reason = unsafe(name);
  if (reason) return { kind: 'unknown', reason, candidates: [], suggestions: [] };
  if (name === '') return { kind: 'unknown', reason: 'no declaration name given', candidates: [], suggestions: [] };
  const byKey = instances.filter((i) => instanceKey(i) === name);
  if (byKey.length === 1) return { kind: 'instance', instance: byKey[0]!, candidates: [], suggestions: [] };
  const matches = new Set<Instance>([...instances.filter((i) => i.jobName === name), ...instances.filter((i) => i.name === name)]);
  const dirMatch = dirs.includes(name);
  const dirInstances = instances.filter((i) => i.dir === name);
  if (dirMatch && matches.size === 0) return { kind: 'dir', dir: name, candidates: dirInstances, suggestions: [] };
  if (!dirMatch && matches.size === 1) return { kind: 'instance', instance: [...matches][0]!, candidates: [], suggestions: [] };
  if (matches.size > 0) return { kind: 'ambiguous', candidates: [...new Set([...matches, ...dirInstances])], suggestions: [] };
  return { kind: 'unknown', candidates: [], suggestions: suggest(name, instances) };
}
