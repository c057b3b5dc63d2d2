/**
 * Levant's spewDump and spewPrintf: go-spew's Sdump and Sprintf with its default config
 * (one-space indent, capacities shown, methods called, map keys in Go's random order, which we
 * make sorted). Levant passes spewPrintf's arguments as one []interface{} value, so its format
 * sees a single spew formatter: the first verb prints the whole list, later verbs are MISSING.
 */
import { formatFloat } from './fmt-float.js';
import { quote } from './fmt-quote.js';
import { sprintf } from './fmt.js';
import { formatTime } from './time-format.js';
import { GoChan, GoNum, GoObject, GoSlice, GoTime, type GoValue, IFACE, ifaceSlice, sortedKeys, typeOf } from './values.js';

const ADDRESS = '0xc000010000';
const indent = (depth: number): string => ' '.repeat(depth);

/** A value read from a container of `elem` type: an interface{} element shows its dynamic type. */
interface Typed {
  v: GoValue;
  /** The static type when the value is a nil interface. */
  type: string;
}
const typed = (v: GoValue, staticType: string): Typed => ({ v, type: v === null ? staticType : typeOf(v) });

function dump(t: Typed, depth: number, skipIndent: boolean): string {
  let out = skipIndent ? '' : indent(depth);
  const { v } = t;
  out += `(${t.type}) `;
  if (v === null) return `${out}<nil>`;
  if (v instanceof GoObject) {
    if (v.kind === 'ptr') return `${out.slice(0, -1)}(${ADDRESS})(${v.stringer ? v.stringer() : '{...}'})`;
    if (v.kind === 'func') return out + ADDRESS;
    if (v.stringer) return out + v.stringer();
    if (v.fields.length === 0) return `${out}{\n${indent(depth)}}`;
    const fields = v.fields.map((f) => `${indent(depth + 1) + f.name}: ${dump(typed(f.value, IFACE), depth + 1, true)}`);
    return `${out}{\n${fields.join(',\n')}\n${indent(depth)}}`;
  }
  if (v instanceof GoTime) return out + formatTime(v, 'string');
  if (v instanceof GoChan) return `${out}(cap=${v.items.length}) ${ADDRESS}`;
  if (typeof v === 'string') return out + (v.length > 0 ? `(len=${Buffer.byteLength(v)}) ` : '') + quote(v);
  if (typeof v === 'boolean' || typeof v === 'bigint') return out + String(v);
  if (typeof v === 'number') return out + formatFloat(v, 'g', -1);
  if (v instanceof GoNum) return out + String(v.v);
  if (v instanceof GoSlice) {
    if (v.isNil) return `${out}<nil>`;
    const n = v.items.length;
    const items = v.items.map((x, i) => dump(typed(x, v.elem), depth + 1, false) + (i < n - 1 ? ',' : ''));
    return `${out + (n > 0 ? `(len=${n} cap=${n}) ` : '')}{\n${items.map((s) => `${s}\n`).join('')}${indent(depth)}}`;
  }
  const keys = sortedKeys(v);
  const entries = keys.map(
    (k, i) => `${dump(typed(k, v.key), depth + 1, false)}: ${dump(typed(v.entries.get(k) ?? null, v.elem), depth + 1, true)}${i < keys.length - 1 ? ',' : ''}`,
  );
  return `${out + (keys.length > 0 ? `(len=${keys.length}) ` : '')}{\n${entries.map((s) => `${s}\n`).join('')}${indent(depth)}}`;
}

/** spew.Sdump(a): one dump per argument, each ending in a newline. */
export function spewDump(v: GoValue): string {
  return `${v === null ? '(interface {}) <nil>' : dump(typed(v, IFACE), 0, false)}\n`;
}

/** The spew formatter's %v (`#`: types before values; `+`: pointer addresses, none here). */
function formatV(t: Typed, sharp: boolean, top: boolean): string {
  const { v } = t;
  const prefix = sharp ? `(${t.type})` : '';
  if (v === null) return `${prefix}<nil>`;
  if (v instanceof GoObject) {
    if (v.stringer) return prefix + v.stringer();
    if (v.kind !== 'struct') return prefix + ADDRESS;
    return `${prefix}{${v.fields.map((f) => (sharp ? `${f.name}:` : '') + formatV(typed(f.value, IFACE), sharp, false)).join(' ')}}`;
  }
  if (v instanceof GoTime) return prefix + formatTime(v, 'string');
  if (v instanceof GoChan) return prefix + ADDRESS;
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'bigint') return prefix + String(v);
  if (typeof v === 'number') return prefix + formatFloat(v, 'g', -1);
  if (v instanceof GoNum) return prefix + String(v.v);
  if (v instanceof GoSlice) {
    if (v.isNil) return `${prefix}<nil>`;
    return `${prefix}[${v.items.map((x) => formatV(typed(x, v.elem), sharp, false)).join(' ')}]`;
  }
  void top;
  return `${prefix}map[${sortedKeys(v)
    .map((k) => `${formatV(typed(k, v.key), false, false)}:${formatV(typed(v.entries.get(k) ?? null, v.elem), sharp, false)}`)
    .join(' ')}]`;
}

const VERB = /%([-+# 0]*)(\d+|\*)?(?:\.(\d+|\*)?)?([a-zA-Z])/;

/** spewLib.Sprintf(format, args): the arguments as one []interface{} behind a spew formatter. */
export function spewPrintf(format: string, args: GoValue[]): string {
  const list = ifaceSlice(args);
  // The first verb that is not %%: everything before it is plain text (with %% for %).
  let i = 0;
  let head = '';
  while (i < format.length) {
    if (format[i] === '%' && format[i + 1] === '%') {
      head += '%';
      i += 2;
      continue;
    }
    if (format[i] === '%') break;
    head += format[i];
    i++;
  }
  if (i >= format.length) return `${head}%!(EXTRA *spew.formatState=${formatV(typed(list, IFACE), false, true)})`;
  const m = VERB.exec(format.slice(i));
  if (m?.index !== 0) return head + sprintf(format.slice(i), []);
  const [whole, flags = '', , , verb] = m;
  const first = verb === 'v' ? formatV(typed(list, IFACE), flags.includes('#'), true) : sprintf(whole, [list]);
  return head + first + sprintf(format.slice(i + whole.length), []);
}
