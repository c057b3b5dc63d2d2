/**
 * The YAML 1.1 typing table: var files as gopkg.in/yaml.v2 (Levant's decoder) types them.
 * Each entry is a var file; the differential test prints every value's Go type and value.
 */

const numbers = [
  'dec: 12', 'plus: +12', 'neg: -12', 'zero: 0', 'negzero: -0', 'hex: 0x1F', 'HEX: 0X1f', 'neghex: -0x1F', 'oct: 0644',
  'oct_o: 0o644', 'oct_O: 0O17', 'bad_oct: 09', 'bad_oct2: 0128', 'bin: 0b1010', 'BIN: 0B11', 'negbin: -0b101',
  'under: 1_000_000', 'under_hex: 0x_FF', 'under_lead: _1', 'under_trail: 1_', 'big: 9223372036854775807',
  'bigger: 9223372036854775808', 'uint_max: 18446744073709551615', 'beyond: 18446744073709551616', 'negbig: -9223372036854775809',
  'bigbin: 0b1111111111111111111111111111111111111111111111111111111111111111',
].join('\n');

const floats = [
  'f: 1.5', 'e: 1e3', 'E: 2E-2', 'dot: .5', 'negdot: -.5', 'trail: 1.', 'plusf: +1.5', 'under_f: 1_000.5', 'inf: .inf', 'Inf: .Inf',
  'ninf: -.inf', 'pinf: +.INF', 'nan: .nan', 'NaN: .NaN', 'huge: 1e400', 'tiny: 1e-400', 'hexf: 0x1p-2', 'word_inf: inf',
  'e_only: 1e', 'dot_e: .e1', 'just_dot: .', 'exp_plus: 6.8523015e+5', 'many: 685.230_15e+03',
].join('\n');

const sexagesimal = ['ssh: 2222:22', 'time: 10:30', 'three: 190:20:30', 'frac: 1:30.5', 'neg: -1:30', 'mac: 00:1b:44:11:3a:b7'].join('\n');

const booleans = [
  'y: y', 'Y: Y', 'yes: yes', 'Yes: Yes', 'YES: YES', 'on: on', 'On: On', 'ON: ON', 'n: n', 'N: N', 'no: no', 'NO: NO',
  'off: off', 'Off: Off', 't: true', 'T: True', 'TRUE: TRUE', 'f: false', 'F: False', 'mixed: tRUE', 'yEs: yEs', 'quoted: "yes"',
].join('\n');

const nulls = ['tilde: ~', 'null: null', 'Null: Null', 'NULL: NULL', 'nUll: nUll', 'empty:', 'quoted: "null"', 'list: [~, null, ]'].join('\n');

const timestamps = [
  'date: 2001-12-14', 'short: 2001-1-2', 'canon: 2001-12-15T02:59:43.1Z', 'iso: 2001-12-14t21:59:43.10-05:00',
  'spaced: 2001-12-14 21:59:43.10', 'spaced_tz: 2001-12-14 21:59:43.10 -5', 'leap: 2001-02-29', 'month13: 2001-13-01',
  'tagged: !!timestamp 2001-12-14', 'quoted: "2001-12-14"',
].join('\n');

export const YAML11_TABLE: { name: string; vars: string; anyError?: true }[] = [
  { name: 'ints in every base', vars: numbers },
  { name: 'floats', vars: floats },
  { name: 'sexagesimal stays a string', vars: sexagesimal },
  { name: 'booleans (YAML 1.1 words)', vars: booleans },
  { name: 'nulls', vars: nulls },
  { name: 'timestamps stay strings', vars: timestamps },
  { name: 'strings in every style', vars: 'plain: hello world\nsingle: \'it\'\'s\'\ndouble: "tab\\there \\u00e9 \\x41"\nlit: |\n  line1\n  line2\nfold: >\n  a\n  b\n\n  c\nkeep: |+\n  k\n\nstrip: |-\n  s\nmulti: plain\n  continued\nhash: a#b\ncolon: "a: b"\n' },
  { name: 'special strings', vars: 'dash: "-"\nplus: +\nx0: 0x\nver: 1.2.3\nip: 10.0.0.1\nport: ":80"\nsemver: v1\nemoji: "\\U0001F600"\n' },
  { name: 'a key given twice: the last one wins', vars: 'a: 1\nb: 2\na: 3\nm: {x: 1, x: 2}\n' },
  { name: 'top-level y and on stay string keys', vars: 'y: 1\non: 2\nn: 3\noff: 4\n"yes": 5\n' },
  { name: 'nested keys are typed', vars: 'm:\n  y: a\n  on: b\n  1: c\n  1.5: d\n  ~: e\n  0x10: f\n  "q": g\n  2001-12-14: h\n' },
  { name: 'top-level odd keys', vars: '1: one\n0x10: hex\n~: nothing\ntrue: yes\n1.5: f\n' },
  { name: 'anchors and aliases', vars: 'base: &b {cpu: 100, mem: 200}\ncopy: *b\nlist: &l [1, 2]\nagain: *l\nscalar: &s hello\nref: *s\n' },
  { name: 'merge keys', vars: 'base: &b {cpu: 100, mem: 200}\nsmall: &s {mem: 50}\njob:\n  <<: *b\n  mem: 300\nlate:\n  mem: 300\n  <<: *b\nmany:\n  <<: [*s, *b]\ninline:\n  <<: {a: 1}\n  b: 2\n' },
  { name: 'merge into the top level', vars: 'defaults: &d {region: cern, count: 2}\n<<: *d\ncount: 5\n' },
  { name: 'an anchor used more than 100 times', vars: `a: &a x\nl: [${Array(150).fill('*a').join(', ')}]\n` },
  { name: 'a recursive anchor is an error', vars: 'a: &a [*a]\n', anyError: true },
  { name: 'an unknown alias is an error', vars: 'a: *nope\n', anyError: true },
  { name: 'merge of a scalar is an error', vars: 's: &s 1\nm:\n  <<: *s\n' },
  { name: 'only the first document counts', vars: 'a: 1\n---\na: 2\nb: 3\n' },
  { name: 'a trailing document marker', vars: 'a: 1\n---\n' },
  { name: 'an explicit document end', vars: '---\na: 1\n...\n' },
  { name: 'an empty first document', vars: '---\n---\na: 1\n' },
  { name: 'an empty file', vars: '' },
  { name: 'only comments', vars: '# nothing here\n' },
  { name: 'a top-level scalar is an error', vars: 'hello\n' },
  { name: 'a top-level list is an error', vars: '- a\n- b\n' },
  { name: 'a long top-level scalar is an error', vars: '"a string longer than ten bytes"\n' },
  { name: 'explicit tags', vars: 'str: !!str 12\nint: !!int "12"\nfloat: !!float 1\nfloat2: !!float "2.5"\nbool: !!bool yes\nnull: !!null ""\nbinary: !!binary aGVsbG8=\nlocal: !foo bar\nset: !!set {a, b}\nomap: !!omap [a: 1, b: 2]\nstrbool: !!str true\n' },
  { name: 'a tag that does not fit is an error', vars: 'x: !!int abc\n' },
  { name: 'a float tag on a word is an error', vars: 'x: !!float yes\n' },
  { name: 'bad binary is an error', vars: 'x: !!binary "not base64!"\n' },
  { name: 'a complex top-level key is an error', vars: '? [a, b]\n: 1\nok: 2\n' },
  { name: 'a complex nested key is an error', vars: 'm:\n  ? [a, b]\n  : 1\n' },
  { name: 'a bare dash is a block sequence, an error here', vars: 'dash: -\n', anyError: true },
  { name: 'a syntax error', vars: 'a: [1, 2\n', anyError: true },
  { name: 'bad indentation', vars: 'a:\n  b: 1\n c: 2\n', anyError: true },
  { name: 'flow and block collections', vars: 'flow: {a: [1, {b: 2}], c: []}\nblock:\n  - a\n  - - nested\n  - k: v\n    k2: v2\nempty_map: {}\n' },
  { name: 'a realistic ALICE var file', vars: 'role: mesosci\narch: slc9\nconfig_suffix: ""\nnum_builders: 8\nmemory: 12000\nssh_port: 2222:22\nuse_gpu: no\nversion: 1.10\nmounts:\n  - /cvmfs:/cvmfs:ro\n  - /build:/build\nenv: {ALIBUILD_DEFAULTS: o2, CI: on}\n' },
];
