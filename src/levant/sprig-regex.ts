/** Sprig v3 regex.go: every regex function with RE2 semantics (go-regexp.ts). */
import { FuncError, type GoFunc, fn } from './func-types.js';
import { GoRegexp, RegexpError, quoteMeta } from './go-regexp.js';
import { GoSlice, type GoValue } from './values.js';

const S = 'string';
const str = (v: GoValue | undefined): string => v as string;
const int = (v: GoValue | undefined): number => Number(v as bigint);

/** Runs `body`, turning regexp errors (and MustCompile panics) into the function's error. */
function guarded<T>(body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (e instanceof RegexpError) throw new FuncError(e.message);
    throw e;
  }
}

const strings = (items: string[] | undefined): GoSlice => (items ? new GoSlice(S, items) : new GoSlice(S, [], true));
const must = (expr: string): GoRegexp => GoRegexp.mustCompile(expr);
const compile = (expr: string): GoRegexp => GoRegexp.compile(expr);

export const sprigRegexFuncs: [string, GoFunc][] = [
  [
    'regexMatch',
    fn([S, S], 'bool', (a) => {
      try {
        return compile(str(a[0])).matchString(str(a[1]));
      } catch (e) {
        if (e instanceof RegexpError) return false;
        throw e;
      }
    }),
  ],
  ['mustRegexMatch', fn([S, S], 'bool', (a) => guarded(() => compile(str(a[0])).matchString(str(a[1]))))],
  ['regexFindAll', fn([S, S, 'int'], '[]string', (a) => guarded(() => strings(must(str(a[0])).findAllString(str(a[1]), int(a[2])))))],
  ['mustRegexFindAll', fn([S, S, 'int'], '[]string', (a) => guarded(() => strings(compile(str(a[0])).findAllString(str(a[1]), int(a[2])))))],
  ['regexFind', fn([S, S], S, (a) => guarded(() => must(str(a[0])).findString(str(a[1]))))],
  ['mustRegexFind', fn([S, S], S, (a) => guarded(() => compile(str(a[0])).findString(str(a[1]))))],
  ['regexReplaceAll', fn([S, S, S], S, (a) => guarded(() => must(str(a[0])).replaceAllString(str(a[1]), str(a[2]))))],
  ['mustRegexReplaceAll', fn([S, S, S], S, (a) => guarded(() => compile(str(a[0])).replaceAllString(str(a[1]), str(a[2]))))],
  ['regexReplaceAllLiteral', fn([S, S, S], S, (a) => guarded(() => must(str(a[0])).replaceAllLiteralString(str(a[1]), str(a[2]))))],
  ['mustRegexReplaceAllLiteral', fn([S, S, S], S, (a) => guarded(() => compile(str(a[0])).replaceAllLiteralString(str(a[1]), str(a[2]))))],
  ['regexSplit', fn([S, S, 'int'], '[]string', (a) => guarded(() => strings(must(str(a[0])).split(str(a[1]), int(a[2])))))],
  ['mustRegexSplit', fn([S, S, 'int'], '[]string', (a) => guarded(() => strings(compile(str(a[0])).split(str(a[1]), int(a[2])))))],
  ['regexQuoteMeta', fn([S], S, (a) => quoteMeta(str(a[0])))],
];
