/**
 * yaml.Unmarshal(text, &map[string]interface{}) as gopkg.in/yaml.v2 (v2.4.0, Levant's) does it,
 * following its decode.go: the `yaml` package only parses; every value is decided here.
 * Only the first document counts, a repeated key keeps the last value, merge keys (`<<`)
 * apply where they stand, and aliases are expanded with yaml.v2's own excessive-aliasing guard.
 */
import { type Document, type Node, isAlias, isMap, isScalar, isSeq, parseAllDocuments } from 'yaml';
import { sprintf } from './fmt.js';
import { TAG, YamlError, resolve, shortTag } from './yaml-resolve.js';
import { GoMap, GoNum, type GoValue, IFACE, type MapKey, ifaceSlice } from './values.js';

export { YamlError } from './yaml-resolve.js';

const TOP = 'map[string]interface {}';

type Out = { kind: 'iface' } | { kind: 'string' } | { kind: 'top' };

function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= 400_000) return 0.99;
  if (decodeCount >= 4_000_000) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - 400_000) / 3_600_000);
}

class Decoder {
  terrors: string[] = [];
  private decodeCount = 0;
  private aliasCount = 0;
  private aliasDepth = 0;
  private readonly active = new Set<Node>();
  constructor(
    private readonly doc: Document,
    private readonly text: string,
  ) {}

  private line(n: Node): number {
    const at = n.range?.[0] ?? 0;
    return this.text.slice(0, at).split('\n').length;
  }

  private terror(n: Node, tag: string, into: string): void {
    const explicit = n.tag ?? tag;
    let value = '';
    if (explicit !== TAG.seq && explicit !== TAG.map && isScalar(n)) {
      const s = String(n.value ?? '');
      value = [...Buffer.from(s)].length > 10 ? ` \`${Buffer.from(s).subarray(0, 7).toString()}...\`` : ` \`${s}\``;
    }
    this.terrors.push(`line ${this.line(n)}: cannot unmarshal ${shortTag(explicit)}${value} into ${into}`);
  }

  /** d.unmarshal: returns [ok, value]; `string` outputs give map keys of the top-level map. */
  decode(n: Node | null, out: Out): [boolean, GoValue] {
    this.decodeCount++;
    if (this.aliasDepth > 0) this.aliasCount++;
    if (this.aliasCount > 100 && this.decodeCount > 1000 && this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)) {
      throw new YamlError('document contains excessive aliasing');
    }
    if (n === null) return this.scalarValue(null, '', '', true, out);
    if (isAlias(n)) return this.alias(n, out);
    if (isScalar(n)) return this.scalar(n, out);
    if (isMap(n)) return this.mapping(n, out);
    if (isSeq(n)) return this.sequence(n, out);
    throw new YamlError('internal error: unknown node kind');
  }

  private alias(n: Node & { source: string }, out: Out): [boolean, GoValue] {
    const target = (n as unknown as { resolve(doc: Document): Node | undefined }).resolve(this.doc);
    if (!target) throw new YamlError(`unknown anchor '${n.source}' referenced`);
    if (this.active.has(n)) throw new YamlError(`anchor '${n.source}' value contains itself`);
    this.active.add(n);
    this.aliasDepth++;
    try {
      return this.decode(target, out);
    } finally {
      this.aliasDepth--;
      this.active.delete(n);
    }
  }

  private scalar(n: Node & { value: unknown; type?: string }, out: Out): [boolean, GoValue] {
    const text = n.value === null || n.value === undefined ? '' : String(n.value);
    const implicit = n.tag === undefined ? n.type === 'PLAIN' : n.tag === '!';
    return this.scalarValue(n, text, n.tag === '!' ? '!' : (n.tag ?? ''), implicit, out);
  }

  private scalarValue(n: Node | null, text: string, tag: string, implicit: boolean, out: Out): [boolean, GoValue] {
    let rtag: string;
    let resolved: GoValue;
    if (tag === '' && !implicit) [rtag, resolved] = [TAG.str, text];
    else {
      [rtag, resolved] = tag === TAG.binary ? [TAG.binary, text] : resolve(tag, text);
      if (rtag === TAG.binary) resolved = decodeBase64(text);
    }
    if (resolved === null) return [true, out.kind === 'string' ? '' : null];
    if (out.kind === 'string') return [true, rtag === TAG.binary ? resolved : text];
    if (out.kind === 'top') {
      if (n) this.terror(n, rtag, TOP);
      return [false, null];
    }
    return [true, rtag === TAG.timestamp ? text : resolved];
  }

  private sequence(n: Node & { items: unknown[] }, out: Out): [boolean, GoValue] {
    if (out.kind !== 'iface') {
      this.terror(n, TAG.seq, out.kind === 'top' ? TOP : 'string');
      return [false, null];
    }
    const items: GoValue[] = [];
    for (const item of n.items) {
      const [ok, v] = this.decode(item as Node | null, out);
      if (ok) items.push(v);
    }
    return [true, ifaceSlice(items)];
  }

  /** d.mapping into a map: top-level keys decode as strings, nested ones as interface{}. */
  mapping(n: Node & { items: { key: unknown; value: unknown }[] }, out: Out, into?: Map<MapKey, GoValue>): [boolean, GoValue] {
    if (out.kind === 'string') {
      this.terror(n, TAG.map, 'string');
      return [false, null];
    }
    const entries = into ?? new Map<MapKey, GoValue>();
    const keyOut: Out = out.kind === 'top' ? { kind: 'string' } : { kind: 'iface' };
    for (const pair of n.items) {
      const key = pair.key as Node | null;
      if (isMergeKey(key)) {
        this.merge(pair.value as Node | null, out, entries);
        continue;
      }
      const [okKey, k] = this.decode(key, keyOut);
      if (!okKey) continue;
      if (k instanceof GoMap || (k !== null && typeof k === 'object' && 'items' in k)) {
        throw new YamlError(`invalid map key: ${sprintf('%#v', [k])}`);
      }
      const [okValue, v] = this.decode(pair.value as Node | null, { kind: 'iface' });
      if (okValue) entries.set(mapKeyOf(k), v);
    }
    return [true, new GoMap(out.kind === 'top' ? 'string' : IFACE, IFACE, entries)];
  }

  private merge(n: Node | null, out: Out, into: Map<MapKey, GoValue>): void {
    const wantMap = (): never => {
      throw new YamlError('map merge requires map or sequence of maps as the value');
    };
    const mapOf = (x: Node | null): Node => {
      const target = x && isAlias(x) ? (x as unknown as { resolve(doc: Document): Node | undefined }).resolve(this.doc) : x;
      if (!target || !isMap(target)) wantMap();
      return x!;
    };
    const apply = (x: Node): void => {
      const target = isAlias(x) ? (x as unknown as { resolve(doc: Document): Node }).resolve(this.doc) : x;
      this.mapping(target as Node & { items: { key: unknown; value: unknown }[] }, out, into);
    };
    if (n && isMap(n)) apply(n);
    else if (n && isAlias(n)) apply(mapOf(n));
    else if (n && isSeq(n)) {
      for (let i = n.items.length - 1; i >= 0; i--) apply(mapOf(n.items[i] as Node | null));
    } else wantMap();
  }
}

function isMergeKey(n: Node | null): boolean {
  if (!n || !isScalar(n) || n.value !== '<<') return false;
  return n.tag === TAG.merge || (n.tag === undefined && n.type === 'PLAIN');
}

/** Go map keys: uint64 keys keep their value (printing the same), nil stays nil. */
function mapKeyOf(k: GoValue): MapKey {
  if (k instanceof GoNum) return k.v;
  return k as MapKey;
}

/** base64.StdEncoding.DecodeString: strict padding, no whitespace. */
function decodeBase64(s: string): string {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) throw new YamlError('!!binary value contains invalid base64 data');
  return Buffer.from(s, 'base64').toString('latin1') === '' ? '' : Buffer.from(s, 'base64').toString('utf8');
}

/** The first document's line of a syntax error, as yaml.v2 numbers lines. */
function syntaxError(text: string, err: { message: string; pos: [number, number] }): YamlError {
  const line = text.slice(0, err.pos[0]).split('\n').length;
  return new YamlError(`line ${line}: ${err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`);
}

/** The variables of a YAML var file; throws YamlError with yaml.v2's message (prefixed "yaml: "). */
export function unmarshalYamlVars(text: string): Map<MapKey, GoValue> {
  const docs = parseAllDocuments(text, { version: '1.1', schema: 'failsafe', uniqueKeys: false, merge: false, strict: false, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [];
  const doc = list[0];
  if (!doc) return new Map();
  if (doc.errors.length > 0) throw syntaxError(text, doc.errors[0]!);
  const d = new Decoder(doc, text);
  const contents = doc.contents as Node | null;
  const [, value] = d.decode(contents, { kind: 'top' });
  if (d.terrors.length > 0) throw new YamlError(`unmarshal errors:\n  ${d.terrors.join('\n  ')}`);
  return value instanceof GoMap ? value.entries : new Map();
}
