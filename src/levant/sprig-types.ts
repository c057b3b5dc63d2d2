/** Sprig v3 reflect.go, defaults.go's JSON and all/any, and flow control (fail). */
import { FuncError, type GoFunc, fn } from './func-types.js';
import { deepEqual, kindName } from './go-reflect.js';
import { JsonError, marshal, marshalRaw, unmarshal } from './json.js';
import { empty } from './sprig-empty.js';
import { type GoValue, IFACE, typeOf } from './values.js';

const S = 'string';
const typeName = (v: GoValue | undefined): string => (v === null || v === undefined ? '<nil>' : typeOf(v));

function must<T>(body: () => T): T {
  try {
    return body();
  } catch (e) {
    if (e instanceof JsonError) throw new FuncError(e.message);
    throw e;
  }
}

function quiet(body: () => string): string {
  try {
    return body();
  } catch (e) {
    if (e instanceof JsonError) return '';
    throw e;
  }
}

export const sprigTypeFuncs: [string, GoFunc][] = [
  ['typeOf', fn([IFACE], S, (a) => typeName(a[0]))],
  ['typeIs', fn([S, IFACE], 'bool', (a) => a[0] === typeName(a[1]))],
  ['typeIsLike', fn([S, IFACE], 'bool', (a) => a[0] === typeName(a[1]) || `*${a[0] as string}` === typeName(a[1]))],
  ['kindOf', fn([IFACE], S, (a) => kindName(a[0] ?? null))],
  ['kindIs', fn([S, IFACE], 'bool', (a) => a[0] === kindName(a[1] ?? null))],
  ['deepEqual', fn([IFACE, IFACE], 'bool', (a) => deepEqual(a[0]!, a[1]!))],
  [
    'fail',
    fn([S], S, (a) => {
      throw new FuncError(a[0] as string);
    }),
  ],
  ['all', fn([IFACE], 'bool', (a) => a.every((x) => !empty(x)), true)],
  ['any', fn([IFACE], 'bool', (a) => a.some((x) => !empty(x)), true)],
  ['toJson', fn([IFACE], S, (a) => quiet(() => marshal(a[0]!)))],
  ['mustToJson', fn([IFACE], S, (a) => must(() => marshal(a[0]!)))],
  ['toPrettyJson', fn([IFACE], S, (a) => quiet(() => marshal(a[0]!, '  ')))],
  ['mustToPrettyJson', fn([IFACE], S, (a) => must(() => marshal(a[0]!, '  ')))],
  ['toRawJson', fn([IFACE], S, (a) => must(() => marshalRaw(a[0]!)))],
  ['mustToRawJson', fn([IFACE], S, (a) => must(() => marshalRaw(a[0]!)))],
  [
    'fromJson',
    fn([S], IFACE, (a) => {
      try {
        return unmarshal(a[0] as string);
      } catch (e) {
        if (e instanceof JsonError) return null;
        throw e;
      }
    }),
  ],
  ['mustFromJson', fn([S], IFACE, (a) => must(() => unmarshal(a[0] as string)))],
  ['hello', fn([], S, () => 'Hello!')],
];
