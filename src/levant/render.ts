/** renderTemplate: what `levant render [-var-file f]... [-var k=v]... TEMPLATE` prints. */
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { builtinFuncs } from './builtins.js';
import { TemplateError } from './errors.js';
import { ExecFailure, execute } from './exec.js';
import { levantFuncMap } from './funcmap.js';
import { ParseFailure, parseTemplate } from './parse.js';
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
}

export interface TextOptions {
  templateDir: string;
  env?: Record<string, string | undefined>;
  /** Levant's `[[ ]]` unless given (Go's own test tables are written with `{{ }}`). */
  delims?: [string, string];
}

/** Renders `text` (named `name`) with already-loaded variables; throws TemplateError. */
export function renderText(name: string, text: string, data: GoMap, opts: TextOptions): string {
  const funcs = levantFuncMap({ env: opts.env ?? process.env, templateDir: opts.templateDir });
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
    if (e instanceof VarFileError) throw new TemplateError(e.message, name);
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
  return renderText(name, text, data, { templateDir: dirname(opts.templatePath), env: opts.env });
}
