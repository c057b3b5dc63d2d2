/** renderTemplate: what `levant render [-var-file f]... [-var k=v]... TEMPLATE` prints. */
import { lookup } from 'node:dns/promises';
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { builtinFuncs } from './builtins.js';
import { TemplateError } from './errors.js';
import { ExecFailure, execute } from './exec.js';
import { levantFuncMap } from './funcmap.js';
import { ParseFailure, parseTemplate } from './parse.js';
import { type HostLookup, HostNeeded } from './sprig-network.js';
import { VarFileError, loadVariables } from './var-files.js';
import type { GoMap } from './values.js';

export interface RenderOptions {
  templatePath: string;
  /** The template source; read from `templatePath` when absent. */
  templateText?: string;
  varFiles: string[];
  /** `-var key=value` overrides; dotted keys build nested maps. */
  vars?: Record<string, string>;
  /** Environment for `env` / `levantEnv`; defaults to process.env. */
  env?: Record<string, string | undefined>;
  /** getHostByName's resolver: net.LookupHost's addresses, [] when there are none. Defaults to node:dns. */
  resolveHost?: (name: string) => Promise<string[]>;
}

export interface TextOptions {
  templateDir: string;
  env?: Record<string, string | undefined>;
  /** Levant's `[[ ]]` unless given (Go's own test tables are written with `{{ }}`). */
  delims?: [string, string];
  /** getHostByName's addresses for a name (may throw HostNeeded); without it the function refuses. */
  lookupHost?: HostLookup;
}

/** Renders `text` (named `name`) with already-loaded variables; throws TemplateError. */
export function renderText(name: string, text: string, data: GoMap, opts: TextOptions): string {
  const funcs = levantFuncMap({ env: opts.env ?? process.env, templateDir: opts.templateDir, lookupHost: opts.lookupHost });
  const builtins = builtinFuncs();
  try {
    const set = parseTemplate(name, text, (f) => funcs.has(f) || builtins.has(f), opts.delims);
    return execute({ set, funcs, builtins }, data);
  } catch (e) {
    if (e instanceof ParseFailure) throw new TemplateError(e.message, name, e.line);
    if (e instanceof ExecFailure) {
      const m = /^template: [^:]*:(\d+):(\d+):/.exec(e.message);
      throw new TemplateError(e.message, name, m ? Number(m[1]) : undefined, m ? Number(m[2]) : undefined);
    }
    throw e;
  }
}

/** Renders a Levant template with its var files; rejects with TemplateError. */
export async function renderTemplate(opts: RenderOptions): Promise<string> {
  const name = basename(opts.templatePath);
  let data: GoMap;
  try {
    data = await loadVariables(opts.varFiles, opts.vars);
  } catch (e) {
    if (e instanceof VarFileError) throw Object.assign(new TemplateError(e.message, name), { cause: e }); // the cause: which var file
    throw e;
  }
  let text = opts.templateText;
  if (text === undefined) {
    try {
      text = await readFile(opts.templatePath, 'utf8');
    } catch {
      throw new TemplateError(`open ${opts.templatePath}: no such file or directory`, name);
    }
  }
  // Rendering is synchronous and DNS is not: each name getHostByName asks for is resolved, then
  // the template renders again with it known (a template asks for few names).
  const resolve = opts.resolveHost ?? lookupHostAddresses;
  const known = new Map<string, string[]>();
  const lookupHost = (host: string): string[] => {
    const addrs = known.get(host);
    if (addrs === undefined) throw new HostNeeded(host);
    return addrs;
  };
  for (;;) {
    try {
      return renderText(name, text, data, { templateDir: dirname(opts.templatePath), env: opts.env, lookupHost });
    } catch (e) {
      if (!(e instanceof HostNeeded)) throw e;
      if (known.size >= MAX_HOSTS) throw new TemplateError(`getHostByName: the template asks for more than ${MAX_HOSTS} host names`, name);
      known.set(e.host, await resolve(e.host));
    }
  }
}

const MAX_HOSTS = 64;

/** net.LookupHost through the system resolver (getaddrinfo, as Go's cgo resolver); [] on any failure. */
async function lookupHostAddresses(host: string): Promise<string[]> {
  try {
    return (await lookup(host, { all: true })).map((a) => a.address);
  } catch {
    return [];
  }
}
