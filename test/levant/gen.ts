/**
 * fast-check generators for the differential tests: YAML variables and templates composed of
 * the constructs Levant declarations use (fields, pipelines, if/range/with, define/template,
 * trim markers, comments, printf, Sprig and Levant functions).
 */
import fc from 'fast-check';

const KEYS = ['a', 'b', 'n', 'f', 's', 'list', 'm', 'empty', 'z'];

const str = fc.constantFrom('', 'x', 'hello world', 'a,b,c', '%d', 'quo"te', 'tab\there', 'ünï', '<&>', 'yes', '12', ' pad ');
const float = fc.constantFrom(1.5, -0.25, 3.25, 1e-7, 1e21, 123456789.5, 0.1, 2.5e6);
const int = fc.integer({ min: -20, max: 1000 });

type Scalar = { t: 'int'; v: number } | { t: 'float'; v: number } | { t: 'str'; v: string } | { t: 'bool'; v: boolean } | { t: 'null' };
type Data = Scalar | { t: 'list'; v: Data[] } | { t: 'map'; v: [string, Data][] };

const scalar: fc.Arbitrary<Scalar> = fc.oneof(
  int.map((v) => ({ t: 'int' as const, v })),
  float.map((v) => ({ t: 'float' as const, v })),
  str.map((v) => ({ t: 'str' as const, v })),
  fc.boolean().map((v) => ({ t: 'bool' as const, v })),
  fc.constant({ t: 'null' as const }),
);

const data: fc.Arbitrary<Data> = fc.letrec<{ d: Data }>((tie) => ({
  d: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('d'), { maxLength: 3 }).map((v) => ({ t: 'list' as const, v })),
    fc.uniqueArray(fc.tuple(fc.constantFrom('a', 'b', 'k', 'x'), tie('d')), { maxLength: 3, selector: (e) => e[0] }).map((v) => ({ t: 'map' as const, v })),
  ),
})).d;

function yamlOf(d: Data): string {
  switch (d.t) {
    case 'int':
      return String(d.v);
    case 'float':
      return String(d.v);
    case 'str':
      return JSON.stringify(d.v);
    case 'bool':
      return String(d.v);
    case 'null':
      return 'null';
    case 'list':
      return `[${d.v.map(yamlOf).join(', ')}]`;
    case 'map':
      return `{${d.v.map(([k, v]) => `${k}: ${yamlOf(v)}`).join(', ')}}`;
  }
}

/** A YAML var file with fixed top-level keys (some always present, some random). */
export const yamlVars: fc.Arbitrary<string> = fc
  .record({ a: data, b: data, s: str, n: int, f: float, list: fc.array(scalar, { maxLength: 4 }), m: data })
  .map(
    (r) =>
      `${[
        `a: ${yamlOf(r.a)}`,
        `b: ${yamlOf(r.b)}`,
        `s: ${JSON.stringify(r.s)}`,
        `n: ${r.n}`,
        `f: ${r.f}`,
        `list: [${r.list.map(yamlOf).join(', ')}]`,
        `m: ${yamlOf(r.m)}`,
        'empty: ""',
      ].join('\n')}\n`,
  );

const field = fc.oneof(
  fc.constantFrom(...KEYS).map((k) => `.${k}`),
  fc.tuple(fc.constantFrom('a', 'm', 'z'), fc.constantFrom('a', 'b', 'k')).map(([a, b]) => `.${a}.${b}`),
  fc.constantFrom('$', '.', '$v'),
);
const literal = fc.constantFrom('1', '-2', '0', '1.5', '"str"', '"a,b"', 'true', 'false', '"%v|%d"', "'a'", '1e3', '0x1F');

const FUNCS1 = [
  'len',
  'not',
  'upper',
  'quote',
  'toJson',
  'html',
  'js',
  'urlquery',
  'empty',
  'toString',
  'title',
  'int',
  'float64',
  'first',
  'squote',
  'print',
  'println',
  'trim',
  'toUpper',
  'lower',
  'b64enc',
  'add1',
  'int64',
  'uniq',
  'rest',
  'sortAlpha',
  'nospace',
  'last',
  'initial',
  'coalesce',
  'sha256sum',
  'toPrettyJson',
  'keys',
];
const FUNCS2 = [
  'eq',
  'ne',
  'lt',
  'le',
  'gt',
  'ge',
  'and',
  'or',
  'index',
  'print',
  'add',
  'sub',
  'mul',
  'div',
  'mod',
  'max',
  'min',
  'list',
  'default',
  'coalesce',
  'subtract',
  'multiply',
  'divide',
  'modulo',
  'levantAdd',
  'slice',
  'append',
  'dict',
  'contains',
  'hasPrefix',
  'trimPrefix',
  'repeat',
  'trunc',
  'join',
  'splitList',
  'split',
  'get',
  'hasKey',
  'printf',
];

export const expr: fc.Arbitrary<string> = fc.letrec<{ e: string; arg: string }>((tie) => ({
  arg: fc.oneof(
    { depthSize: 'small' },
    field,
    literal,
    tie('e').map((e) => `(${e})`),
  ),
  e: fc.oneof(
    { depthSize: 'small' },
    field,
    literal,
    fc.tuple(fc.constantFrom(...FUNCS1), tie('arg')).map(([f, a]) => `${f} ${a}`),
    fc.tuple(fc.constantFrom(...FUNCS2), tie('arg'), tie('arg')).map(([f, a, b]) => `${f} ${a} ${b}`),
    fc
      .tuple(fc.constantFrom('"%v-%d"', '"%5.2f|%-4s|"', '"%q %x"', '"%s %t"', '"%08.3f"', '"%+d %o %X"', '"%e %g"', '"%T %T"'), tie('arg'), tie('arg'))
      .map(([f, a, b]) => `printf ${f} ${a} ${b}`),
    fc
      .tuple(
        tie('arg'),
        fc.constantFrom('printf "%v"', 'quote', 'default "z"', 'print "p"', 'len', 'upper', 'eq 1', 'index .list', 'ternary "y" "n"', 'toJson'),
      )
      .map(([a, f]) => `${a} | ${f}`),
    fc
      .tuple(
        fc.constantFrom('substr 1 3', 'trunc 3', 'replace "a" "b"', 'repeat 2', 'indent 2', 'nindent 2', 'trimSuffix "d"', 'hasSuffix "o"', 'regexMatch "^h"'),
        tie('arg'),
      )
      .map(([f, a]) => `${f} ${a}`),
  ),
})).e;

const text = fc.constantFrom('', 'x', ' ', '\n', '  \n  ', 'job "{{ .nomad }}" ${NOMAD_ALLOC_INDEX}', 'a,', '\t-\t', '%');

export const template: fc.Arbitrary<string> = fc
  .letrec<{ t: string; stmt: string }>((tie) => ({
    stmt: fc.oneof(
      { depthSize: 'small' },
      { arbitrary: text, weight: 4 },
      { arbitrary: expr.map((e) => `[[ ${e} ]]`), weight: 4 },
      expr.map((e) => `[[- ${e} -]]`),
      expr.map((e) => `[[- ${e} ]]`),
      fc.tuple(expr, tie('t'), tie('t')).map(([c, a, b]) => `[[ if ${c} ]]${a}[[ else ]]${b}[[ end ]]`),
      fc.tuple(expr, tie('t'), expr, tie('t')).map(([c, a, d, b]) => `[[ if ${c} ]]${a}[[ else if ${d} ]]${b}[[ end ]]`),
      fc.tuple(expr, tie('t')).map(([c, a]) => `[[ with ${c} ]]${a}[[ end ]]`),
      fc.tuple(expr, tie('t'), tie('t')).map(([c, a, b]) => `[[ with ${c} ]]${a}[[ else ]]${b}[[ end ]]`),
      fc.tuple(expr, tie('t'), tie('t')).map(([c, a, b]) => `[[ range ${c} ]]${a}[[ else ]]${b}[[ end ]]`),
      fc.tuple(expr, tie('t')).map(([c, a]) => `[[ range $i, $e := ${c} ]][[ $i ]]=[[ $e ]];${a}[[ end ]]`),
      fc
        .tuple(fc.constantFrom('.list', '.m', '.a', 'loop 3', 'loop 1 4', 'until 3', '(list 1 2 3)', '.s'), expr)
        .map(
          ([c, e]) => `[[- range $k, $x := ${c} -]]\n  [[ $k ]]: [[ $x ]] [[ if ${e} ]][[ break ]][[ end ]][[ if eq $k 0 ]][[ continue ]][[ end ]]!\n[[ end ]]`,
        ),
      fc.tuple(expr, expr).map(([a, b]) => `[[ $y := ${a} ]][[ $y = ${b} ]][[ $y ]]`),
      expr.map((e) => `[[ template "t" ${e} ]]`),
      fc.constantFrom(
        '[[/* a comment */]]',
        '[[- /* trimmed */ -]]',
        '[[ end ]]',
        '[[ .a',
        '[[ nope 1 ]]',
        '[[ $undefined ]]',
        '[[ else ]]',
        '[[ "unterminated ]]',
        '[[ 1 | 2 ]]',
        '[[ break ]]',
      ),
    ),
    t: fc.array(tie('stmt'), { maxLength: 4 }).map((xs) => xs.join('')),
  }))
  .t.chain((t) => fc.boolean().map((withBlock) => (withBlock ? `${t}[[ block "b" .s ]]<[[ . ]]>[[ end ]]` : t)))
  .map((t) => `[[ $v := .n ]]${t}[[ define "t" ]]<[[ . ]]|[[ printf "%T" . ]]>[[ end ]]`);

/** printf with random flags, width, precision and verb over every kind of value. */
export const printfCall: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(
      fc.tuple(
        fc.subarray(['+', '-', '#', ' ', '0']),
        fc.option(fc.integer({ min: 0, max: 12 })),
        fc.option(fc.integer({ min: 0, max: 8 })),
        fc.constantFrom(...'vdsqxXoObcUeEfFgGtT%'.split('')),
      ),
      { minLength: 1, maxLength: 3 },
    ),
    fc.array(
      fc.oneof(
        field,
        literal,
        fc.constantFrom(
          '.list',
          '.m',
          '(list 1 "a" nil)',
          '(dict "k" 1.5)',
          '(int64 7)',
          '(splitList "," "a,b")',
          '(until 3)',
          '(parseUint "42")',
          '(float64 2)',
          '-0.0',
          '255',
          '1e21',
          '0.000001234',
          '"ünï\\t"',
        ),
      ),
      { maxLength: 3 },
    ),
  )
  .map(([specs, args]) => {
    const fmt = specs.map(([flags, w, p, verb]) => `%${flags.join('')}${w ?? ''}${p === null ? '' : `.${p}`}${verb}`).join('|');
    return `[[ printf ${JSON.stringify(fmt)} ${args.join(' ')} ]]`;
  });
