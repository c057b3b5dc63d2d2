/** loadDeclarations: the repository scanned, every instance rendered once to learn its job name. */
import { readFile } from 'node:fs/promises';
import { basename, relative, sep } from 'node:path';
import { renderTemplate, toPlain } from '../levant/index.js';
import { VarFileError, loadVariables } from '../levant/var-files.js';
import { describeError } from '../errors.js';
import { resolveName } from './resolve.js';
import { scanDeclarations, stem } from './scan.js';
import type { DeclarationsSource, Instance, Resolution } from './types.js';

const JOB_NAME = /^\s*job\s+"([^"]+)"/m;
const COUNT = /^\s*count\s*=\s*(\d+)/m;

/** The declarations repository: list, resolve and render its instances. */
export class Declarations {
  constructor(
    readonly root: string,
    private readonly instances: Instance[],
    private readonly dirNames: string[],
    /** Directories that do not follow the layout (e.g. two `.nomad` files). */
    readonly problems: string[],
    /** With `declarations.git`: the commit these files are from and how it was reached. */
    readonly source?: DeclarationsSource,
  ) {}

  /** The same files seen through another ref or fetch (a commit's files never change). */
  withSource(source: DeclarationsSource): Declarations {
    return new Declarations(this.root, this.instances, this.dirNames, this.problems, source);
  }

  /** How messages name these declarations: `ci-jobs@main 3f2a1bc` or the directory's name. */
  get label(): string {
    return this.source ? `${this.source.ref} @ ${this.source.commit.short}` : (this.root.split(/[\\/]/).pop() ?? this.root);
  }

  list(): Instance[] {
    return [...this.instances];
  }

  dirs(): string[] {
    return [...this.dirNames];
  }

  resolve(userText: string): Resolution {
    return resolveName(userText, this.instances, this.dirNames);
  }

  /** The HCL Nomad gets: the root file as it is, or what `levant render -var-file` prints. */
  async render(instance: Instance): Promise<string> {
    if (!instance.varFile) return readFile(instance.templatePath, 'utf8');
    try {
      return await renderTemplate({ templatePath: instance.templatePath, varFiles: [instance.varFile] });
    } catch (e) {
      throw located(e, this.root, instance.varFile);
    }
  }

  /** The count the declaration of `jobName` asks for (`num_builders` for CI instances). */
  declaredCount(jobName: string): number | undefined {
    return this.instances.find((i) => i.jobName === jobName)?.declaredCount;
  }
}

function countOf(vars: Record<string, unknown>, hcl: string): number | undefined {
  const n = vars['num_builders'];
  if (typeof n === 'number') return n;
  const m = COUNT.exec(hcl);
  return m ? Number(m[1]) : undefined;
}

async function templatedInstance(root: string, dir: string, templatePath: string, varFile: string): Promise<Instance> {
  const name = stem(basename(varFile));
  let vars: Record<string, unknown> = {};
  try {
    vars = toPlain(await loadVariables([varFile])) as Record<string, unknown>;
    const hcl = await renderTemplate({ templatePath, varFiles: [varFile] });
    const jobName = JOB_NAME.exec(hcl)?.[1] ?? `${dir}-${name}`;
    return { name, dir, jobName, templatePath, varFile, vars, declaredCount: countOf(vars, hcl) };
  } catch (e) {
    return { name, dir, jobName: `${dir}-${name}`, templatePath, varFile, vars, renderError: describeError(located(e, root, varFile)) };
  }
}

/**
 * A render error as Levant prints it, but with the var file named where Levant's message does not
 * (`yaml: line 8: …` becomes `ci/mesosci-cs8.yaml: yaml: line 8: …`) and paths relative to the
 * repository (a clone's `/var/lib/…/trees/<sha>/` means nothing to a person). Template errors
 * already name their file and line (`template: ci.nomad:27:13: …`).
 */
function located(e: unknown, root: string, varFile: string): unknown {
  if (!(e instanceof Error)) return e;
  const rel = (p: string) => relative(root, p).split(sep).join('/');
  let message = e.message.split(`${root}${sep}`).join('');
  const fromVarFile = e instanceof VarFileError || e.cause instanceof VarFileError;
  if (fromVarFile && !message.includes(rel(varFile))) message = `${rel(varFile)}: ${message}`;
  if (message === e.message) return e;
  const out = new Error(message, { cause: e });
  out.name = e.name;
  return out;
}

/** Scans `dir` (default `examples/ci-jobs`) in ALICE's ci-jobs layout. */
export async function loadDeclarations(dir = 'examples/ci-jobs', source?: DeclarationsSource): Promise<Declarations> {
  const scan = await scanDeclarations(dir);
  const instances: Instance[] = [];
  for (const path of scan.rootJobs) {
    const hcl = await readFile(path, 'utf8');
    const name = stem(basename(path));
    instances.push({ name, jobName: name, templatePath: path, vars: {}, declaredCount: countOf({}, hcl) });
  }
  for (const d of scan.dirs) {
    for (const varFile of d.varFiles) instances.push(await templatedInstance(scan.root, d.dir, d.templatePath, varFile));
  }
  return new Declarations(
    scan.root,
    instances,
    scan.dirs.map((d) => d.dir),
    scan.problems,
    source,
  );
}
