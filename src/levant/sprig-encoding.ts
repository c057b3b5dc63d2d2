/** Sprig v3 hashes, base32, paths, env expansion and URLs (crypto.go, strings.go, url.go, functions.go). */
import { createHash } from 'node:crypto';
import { FuncError, type GoFunc, fn } from './func-types.js';
import { base32Decode, base32Encode } from './go-base32.js';
import { base, clean, dir, ext, isAbs } from './go-path.js';
import { type GoMap, type GoValue, type MapKey, stringMap } from './values.js';

const S = 'string';
const s0 = (a: GoValue[]): string => a[0] as string;
const hash =
  (alg: string) =>
  (a: GoValue[]): string =>
    createHash(alg).update(s0(a)).digest('hex');

function adler32(s: string): string {
  let a = 1;
  let b = 0;
  for (const byte of Buffer.from(s)) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return String(((b << 16) | a) >>> 0);
}

const isShellSpecial = (c: string | undefined): boolean => c !== undefined && /^[*#$@!?\-0-9]$/.test(c);

/** os.getShellName: the variable name after a `$` and how many bytes it takes. */
function shellName(s: string): [string, number] {
  if (s[0] === '{') {
    if (s.length > 2 && isShellSpecial(s[1]) && s[2] === '}') return [s[1]!, 3];
    for (let i = 1; i < s.length; i++) if (s[i] === '}') return i === 1 ? ['', 2] : [s.slice(1, i), i + 1];
    return ['', 1];
  }
  if (isShellSpecial(s[0])) return [s[0]!, 1];
  const m = /^[A-Za-z0-9_]*/.exec(s)![0];
  return [m, m.length];
}

/** os.ExpandEnv: $NAME and ${NAME}; bad syntax is eaten, a lone `$` stays. */
function expandEnv(s: string, env: Record<string, string | undefined>): string {
  let out = '';
  let i = 0;
  for (let j = 0; j < s.length; j++) {
    if (s[j] === '$' && j + 1 < s.length) {
      out += s.slice(i, j);
      const [name, w] = shellName(s.slice(j + 1));
      if (name === '' && w > 0) {
        // invalid syntax: eaten
      } else if (name === '') out += '$';
      else out += env[name] ?? '';
      j += w;
      i = j + 1;
    }
  }
  return out + s.slice(i);
}

/** url.Parse, for what Sprig's urlParse reads: scheme, opaque, userinfo, host, path, query, fragment. */
function urlParse(raw: string): GoValue {
  const unescape = (x: string): string => {
    try {
      return decodeURIComponent(x);
    } catch {
      throw new FuncError(`unable to parse url: parse ${JSON.stringify(raw)}: invalid URL escape`);
    }
  };
  let rest = raw;
  let fragment = '';
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    fragment = unescape(rest.slice(hash + 1));
    rest = rest.slice(0, hash);
  }
  let scheme = '';
  const sm = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(rest);
  if (sm) {
    scheme = sm[1]!.toLowerCase();
    rest = rest.slice(sm[0].length);
  } else if (rest.startsWith(':')) throw new FuncError(`unable to parse url: parse ${JSON.stringify(raw)}: missing protocol scheme`);
  let query = '';
  const q = rest.indexOf('?');
  if (q >= 0) {
    query = rest.slice(q + 1);
    rest = rest.slice(0, q);
  }
  let opaque = '';
  let userinfo = '';
  let host = '';
  if (scheme !== '' && !rest.startsWith('/')) {
    opaque = rest;
    rest = '';
  } else if (rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    const authority = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
    rest = slash < 0 ? '' : rest.slice(slash);
    const at = authority.lastIndexOf('@');
    userinfo = at >= 0 ? authority.slice(0, at) : '';
    host = at >= 0 ? authority.slice(at + 1) : authority;
  }
  const hostname = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d*$/, '');
  const m = new Map<MapKey, GoValue>([
    ['scheme', scheme],
    ['host', host],
    ['hostname', hostname],
    ['path', unescape(rest)],
    ['query', query],
    ['opaque', opaque],
    ['fragment', fragment],
    ['userinfo', userinfo],
  ]);
  return stringMap(m);
}

export function sprigEncodingFuncs(env: Record<string, string | undefined>): [string, GoFunc][] {
  return [
    ['sha1sum', fn([S], S, hash('sha1'))],
    ['sha256sum', fn([S], S, hash('sha256'))],
    ['sha512sum', fn([S], S, hash('sha512'))],
    ['adler32sum', fn([S], S, (a) => adler32(s0(a)))],
    ['b32enc', fn([S], S, (a) => base32Encode(s0(a)))],
    [
      'b32dec',
      fn([S], S, (a) => {
        const r = base32Decode(s0(a));
        return r.ok ? r.value : r.err;
      }),
    ],
    ...(['', 'os'] as const).flatMap((p): [string, GoFunc][] => {
      const name = (n: string): string => (p === '' ? n : `os${n[0]!.toUpperCase()}${n.slice(1)}`);
      return [
        [name('base'), fn([S], S, (a) => base(s0(a)))],
        [name('dir'), fn([S], S, (a) => dir(s0(a)))],
        [name('clean'), fn([S], S, (a) => clean(s0(a)))],
        [name('ext'), fn([S], S, (a) => ext(s0(a)))],
        [name('isAbs'), fn([S], 'bool', (a) => isAbs(s0(a)))],
      ];
    }),
    ['expandenv', fn([S], S, (a) => expandEnv(s0(a), env))],
    ['urlParse', fn([S], 'map[string]interface {}', (a) => urlParse(s0(a)))],
    ['urlJoin', fn(['map[string]interface {}'], S, (a) => urlJoin(a[0] as GoMap))],
  ];
}

/** Sprig's urlJoin: builds a url.URL from the map's string fields and prints it. */
function urlJoin(m: GoMap): string {
  const get = (k: string): string => {
    const v = m.entries.get(k);
    if (v === undefined || v === null) return '';
    if (typeof v !== 'string') throw new FuncError(`unable to parse ${k} field: ${String(v)}`);
    return v;
  };
  const scheme = get('scheme');
  const userinfo = get('userinfo');
  const host = get('host');
  const path = get('path');
  const query = get('query');
  const fragment = get('fragment');
  let out = scheme ? `${scheme}:` : '';
  if (scheme || host || userinfo) {
    out += '//';
    if (userinfo) out += `${userinfo}@`;
    out += host;
  }
  if (path && !path.startsWith('/') && host) out += '/';
  out += encodeURI(path).replace(/%25/g, '%');
  if (query) out += `?${query}`;
  if (fragment) out += `#${encodeURIComponent(fragment)}`;
  return out;
}
