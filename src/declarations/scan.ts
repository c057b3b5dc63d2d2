/**
 * Finds declarations in ALICE's layout: root `<job>.nomad` files and templated directories
 * with exactly one `.nomad` and one `.yaml` per instance. Nothing outside the root is read:
 * symlinks that resolve outside it are skipped.
 */
import { lstat, readdir, realpath } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export interface ScannedDir {
  dir: string;
  templatePath: string;
  varFiles: string[];
}

export interface Scan {
  root: string;
  rootJobs: string[];
  dirs: ScannedDir[];
  problems: string[];
}

async function inside(root: string, path: string): Promise<boolean> {
  try {
    const real = await realpath(path);
    const rel = relative(root, real);
    return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep));
  } catch {
    return false;
  }
}

async function isFile(path: string): Promise<boolean> {
  return (await lstat(path).catch(() => undefined))?.isFile() ?? false;
}

export const stem = (f: string): string => f.replace(/\.[^.]+$/, '');

export async function scanDeclarations(dir: string): Promise<Scan> {
  const root = await realpath(dir);
  const scan: Scan = { root, rootJobs: [], dirs: [], problems: [] };
  for (const entry of (await readdir(root, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(root, entry.name);
    if (entry.name.startsWith('.') || !(await inside(root, path))) continue;
    if (entry.name.endsWith('.nomad') && (entry.isFile() || (await isFile(path)))) scan.rootJobs.push(path);
    else if (entry.isDirectory()) {
      const files = (await readdir(path)).sort();
      const kept: string[] = [];
      for (const f of files) if ((await inside(root, join(path, f))) && !f.startsWith('.')) kept.push(f);
      const templates = kept.filter((f) => f.endsWith('.nomad'));
      const varFiles = kept.filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')).map((f) => join(path, f));
      if (templates.length === 0) continue;
      if (templates.length > 1) {
        scan.problems.push(`${entry.name}/ holds ${templates.length} .nomad files; Levant needs exactly one per directory`);
        continue;
      }
      scan.dirs.push({ dir: entry.name, templatePath: join(path, templates[0]!), varFiles });
    }
  }
  return scan;
}
