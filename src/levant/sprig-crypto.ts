/**
 * Sprig's crypto.go, the parts that need no certificates: bcrypt, htpasswd, derivePassword
 * (Master Password's scrypt + HMAC scheme), encryptAES/decryptAES (AES-256-CBC, PKCS#7 padding,
 * random IV first, base64) and genPrivateKey. node:crypto does the cryptography; bcryptjs the
 * bcrypt, which node:crypto lacks.
 */
import { createCipheriv, createDecipheriv, createHmac, generateKeyPairSync, randomBytes, scryptSync } from 'node:crypto';
import bcryptjs from 'bcryptjs';
import { FuncError, type GoFunc, fn } from './func-types.js';
import { decodeStdBase64 } from './go-base64.js';
import type { GoNum, GoValue } from './values.js';

const S = 'string';

/** bcrypt.GenerateFromPassword(p, bcrypt.DefaultCost): "$2a$10$" + salt + hash. */
function bcryptHash(password: string): string {
  // golang.org/x/crypto v0.38 (Levant 0.4) refuses what bcrypt would silently cut at 72 bytes.
  if (Buffer.byteLength(password) > 72) return 'failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes';
  const salt = `$2a$10$${bcryptjs.encodeBase64(randomBytes(16), 16)}`;
  return bcryptjs.hashSync(password, salt);
}

const MASTER_PASSWORD_SEED = 'com.lyndir.masterpassword';
const PASSWORD_TEMPLATES: Record<string, string[]> = {
  maximum: ['anoxxxxxxxxxxxxxxxxx', 'axxxxxxxxxxxxxxxxxno'],
  long: [
    'CvcvnoCvcvCvcv',
    'CvcvCvcvnoCvcv',
    'CvcvCvcvCvcvno',
    'CvccnoCvcvCvcv',
    'CvccCvcvnoCvcv',
    'CvccCvcvCvcvno',
    'CvcvnoCvccCvcv',
    'CvcvCvccnoCvcv',
    'CvcvCvccCvcvno',
    'CvcvnoCvcvCvcc',
    'CvcvCvcvnoCvcc',
    'CvcvCvcvCvccno',
    'CvccnoCvccCvcv',
    'CvccCvccnoCvcv',
    'CvccCvccCvcvno',
    'CvcvnoCvccCvcc',
    'CvcvCvccnoCvcc',
    'CvcvCvccCvccno',
    'CvccnoCvcvCvcc',
    'CvccCvcvnoCvcc',
    'CvccCvcvCvccno',
  ],
  medium: ['CvcnoCvc', 'CvcCvcno'],
  short: ['Cvcn'],
  basic: ['aaanaaan', 'aannaaan', 'aaannaaa'],
  pin: ['nnnn'],
};
const TEMPLATE_CHARACTERS: Record<string, string> = {
  V: 'AEIOU',
  C: 'BCDFGHJKLMNPQRSTVWXYZ',
  v: 'aeiou',
  c: 'bcdfghjklmnpqrstvwxyz',
  A: 'AEIOUBCDFGHJKLMNPQRSTVWXYZ',
  a: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz',
  n: '0123456789',
  o: "@&%?,=[]_:-+*$#!'^~;()/.",
  x: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()',
};

const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};

function derivePassword(counter: number, passwordType: string, password: string, user: string, site: string): string {
  const templates = Object.hasOwn(PASSWORD_TEMPLATES, passwordType) ? PASSWORD_TEMPLATES[passwordType]! : undefined;
  if (!templates) return `cannot find password template ${passwordType}`;
  const seed = Buffer.from(MASTER_PASSWORD_SEED);
  const userBytes = Buffer.from(user);
  const salt = Buffer.concat([seed, u32(userBytes.length), userBytes]);
  const key = scryptSync(Buffer.from(password), salt, 64, { N: 32768, r: 8, p: 2, maxmem: 64 * 1024 * 1024 });
  const siteBytes = Buffer.from(site);
  const mac = createHmac('sha256', key)
    .update(Buffer.concat([seed, u32(siteBytes.length), siteBytes, u32(counter)]))
    .digest();
  const temp = templates[mac[0]! % templates.length]!;
  let out = '';
  for (let i = 0; i < temp.length; i++) {
    const chars = TEMPLATE_CHARACTERS[temp[i]!]!;
    out += chars[mac[i + 1]! % chars.length];
  }
  return out;
}

/** The 32-byte AES key: the password's bytes, cut or zero-padded (Go's copy into make([]byte, 32)). */
const aesKey = (password: string): Buffer => {
  const key = Buffer.alloc(32);
  Buffer.from(password).copy(key, 0, 0, 32);
  return key;
};

function encryptAES(password: string, plaintext: string): string {
  if (plaintext === '') return '';
  const content = Buffer.from(plaintext);
  const padding = 16 - (content.length % 16);
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', aesKey(password), iv).setAutoPadding(false);
  const body = Buffer.concat([cipher.update(Buffer.concat([content, Buffer.alloc(padding, padding)])), cipher.final()]);
  return Buffer.concat([iv, body]).toString('base64');
}

/** decryptAES, with the runtime panics Go reaches on malformed input (no padding check, as in Sprig). */
function decryptAES(password: string, crypt64: string): string {
  if (crypt64 === '') return '';
  const decoded = decodeStdBase64(crypt64);
  if (!decoded.ok) throw new FuncError(decoded.err);
  const crypt = decoded.bytes;
  // DecodeString's buffer has DecodedLen(len(s)) bytes of capacity: 3 for every 4 characters.
  if (crypt.length < 16) throw new FuncError(`runtime error: slice bounds out of range [:16] with capacity ${(crypt64.length / 4) * 3}`);
  const body = crypt.subarray(16);
  if (body.length % 16 !== 0) throw new FuncError('crypto/cipher: input not full blocks');
  if (body.length === 0) throw new FuncError('runtime error: index out of range [-1]');
  const decipher = createDecipheriv('aes-256-cbc', aesKey(password), crypt.subarray(0, 16)).setAutoPadding(false);
  const decrypted = Buffer.concat([decipher.update(body), decipher.final()]);
  const end = decrypted.length - decrypted[decrypted.length - 1]!;
  if (end < 0) throw new FuncError(`runtime error: slice bounds out of range [:${end}]`);
  return decrypted.subarray(0, end).toString('utf8');
}

/** Minimal DER for the DSA key Sprig writes: SEQUENCE { INTEGER version, p, q, g, y, x }. */
function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
function derInteger(v: bigint): Buffer {
  let hex = v.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let body = Buffer.from(hex, 'hex');
  if (body[0]! & 0x80) body = Buffer.concat([Buffer.from([0]), body]);
  return Buffer.concat([Buffer.from([0x02]), derLength(body.length), body]);
}
const derSequence = (parts: Buffer[]): Buffer => {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([0x30]), derLength(body.length), body]);
};

/** Reads the INTEGERs of a DER structure in order, descending into SEQUENCEs and OCTET STRINGs. */
function derIntegers(der: Buffer): bigint[] {
  const out: bigint[] = [];
  const walk = (buf: Buffer): void => {
    let i = 0;
    while (i < buf.length) {
      const tag = buf[i]!;
      let len = buf[i + 1]!;
      let off = i + 2;
      if (len & 0x80) {
        const n = len & 0x7f;
        len = 0;
        for (let k = 0; k < n; k++) len = len * 256 + buf[off + k]!;
        off += n;
      }
      const body = buf.subarray(off, off + len);
      if (tag === 0x02) out.push(BigInt(`0x${body.toString('hex') || '0'}`));
      else if (tag === 0x30 || tag === 0x04) walk(body);
      i = off + len;
    }
  };
  walk(der);
  return out;
}

function modPow(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  base %= mod;
  for (; exp > 0n; exp >>= 1n, base = (base * base) % mod) if (exp & 1n) result = (result * base) % mod;
  return result;
}

const pem = (type: string, der: Buffer): string =>
  `-----BEGIN ${type}-----\n${der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n')}-----END ${type}-----\n`;

/** genPrivateKey: RSA 4096 (PKCS#1), DSA L2048N256 (Sprig's own ASN.1), ECDSA P-256 (SEC 1), Ed25519 (PKCS#8). */
export function generatePrivateKey(typ: string): string {
  switch (typ) {
    case '':
    case 'rsa':
      return generateKeyPairSync('rsa', { modulusLength: 4096 }).privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
    case 'dsa': {
      const { privateKey } = generateKeyPairSync('dsa', { modulusLength: 2048, divisorLength: 256 });
      // PKCS#8 holds version, (p, q, g) and x; Sprig's format also carries y = g^x mod p.
      const [, p, q, g, x] = derIntegers(privateKey.export({ type: 'pkcs8', format: 'der' }));
      const y = modPow(g!, x!, p!);
      return pem('DSA PRIVATE KEY', derSequence([derInteger(0n), derInteger(p!), derInteger(q!), derInteger(g!), derInteger(y), derInteger(x!)]));
    }
    case 'ecdsa':
      return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'sec1', format: 'pem' }) as string;
    case 'ed25519':
      return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    default:
      return `Unknown type ${typ}`;
  }
}

export const sprigCryptoFuncs: [string, GoFunc][] = [
  ['bcrypt', fn([S], S, (a) => bcryptHash(a[0] as string))],
  [
    'htpasswd',
    fn([S, S], S, (a) => {
      const user = a[0] as string;
      return user.includes(':') ? `invalid username: ${user}` : `${user}:${bcryptHash(a[1] as string)}`;
    }),
  ],
  [
    'derivePassword',
    fn(['uint32', S, S, S, S], S, (a: GoValue[]) => derivePassword(Number((a[0] as GoNum).v), a[1] as string, a[2] as string, a[3] as string, a[4] as string)),
  ],
  ['encryptAES', fn([S, S], S, (a) => encryptAES(a[0] as string, a[1] as string))],
  ['decryptAES', fn([S, S], S, (a) => decryptAES(a[0] as string, a[1] as string))],
  ['genPrivateKey', fn([S], S, (a) => generatePrivateKey(a[0] as string))],
];
