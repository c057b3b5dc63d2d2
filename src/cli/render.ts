/** `ci-chatops render [--dir DIR] <instance> [--var key=value ...]`: what `levant render` prints. */
import { renderTemplate } from '../levant/index.js';
import { type Instance, instanceKey, loadDeclarations } from '../declarations/index.js';
import { describeError } from '../errors.js';

export const renderUsage = 'render [--dir DIR] <instance> [--var key=value ...]   print the rendered job, as `levant render` would';

interface RenderArgs {
  dir: string;
  name: string | undefined;
  vars: Record<string, string>;
}

function parseArgs(argv: string[]): RenderArgs | string {
  const out: RenderArgs = { dir: 'examples/ci-jobs', name: undefined, vars: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') || arg.startsWith('-var') ? (arg.split(/=(.*)/s) as [string, string?]) : [arg];
    if (flag === '--dir') {
      const v = inline ?? argv[++i];
      if (!v) return '--dir needs a directory';
      out.dir = v;
    } else if (flag === '--var' || flag === '-var') {
      const v = inline ?? argv[++i];
      const eq = v?.indexOf('=') ?? -1;
      if (!v || eq <= 0) return `--var needs key=value, got ${JSON.stringify(v ?? '')}`;
      out.vars[v.slice(0, eq)] = v.slice(eq + 1);
    } else if (arg.startsWith('-')) return `unknown option ${arg}`;
    else if (out.name === undefined) out.name = arg;
    else return `unexpected argument ${arg}`;
  }
  return out;
}

const describe = (i: Instance): string => `  ${instanceKey(i)}  (job ${i.jobName})`;

export async function renderCommand(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === 'string' || args.name === undefined) {
    process.stderr.write(`ci-chatops render: ${typeof args === 'string' ? args : 'which instance?'}\nusage: ci-chatops ${renderUsage}\n`);
    return 1;
  }
  try {
    const decls = await loadDeclarations(args.dir);
    const r = decls.resolve(args.name);
    if (r.kind === 'instance') {
      const inst = r.instance;
      const text = inst.varFile
        ? await renderTemplate({ templatePath: inst.templatePath, varFiles: [inst.varFile], vars: args.vars })
        : await decls.render(inst);
      process.stdout.write(text);
      return 0;
    }
    const lines: string[] = [];
    if (r.kind === 'dir') lines.push(`${args.name} is a directory of ${r.candidates.length} instances; name one:`, ...r.candidates.map(describe));
    else if (r.kind === 'ambiguous') lines.push(`${args.name} matches several declarations; name one:`, ...r.candidates.map(describe));
    else {
      lines.push(`No job or declaration called ${args.name}${r.reason ? ` (${r.reason})` : ''}.`);
      if (r.suggestions.length) lines.push('Did you mean:', ...r.suggestions.map(describe));
    }
    process.stderr.write(`${lines.join('\n')}\n`);
    return 1;
  } catch (e) {
    process.stderr.write(`ci-chatops render: ${describeError(e)}\n`);
    return 1;
  }
}
