/**
 * Sprig's certificate functions (crypto.go): genCA, genSelfSignedCert, genSignedCert, their
 * WithKey forms and buildCustomCert. Certificates are laid out as Go's x509.CreateCertificate
 * lays out Sprig's template (serial below 2^128, CN-only subject, key usages, server and client
 * auth, basic constraints, SANs; a CA gets a SHA-1 subject key id that its children name as
 * authority key id). @peculiar/asn1-x509 writes the ASN.1; node:crypto makes and uses the keys.
 */
import { type KeyObject, createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  AttributeTypeAndValue,
  AttributeValue,
  AuthorityKeyIdentifier,
  BasicConstraints,
  Certificate,
  ExtendedKeyUsage,
  Extension,
  Extensions,
  GeneralName,
  KeyUsage,
  KeyUsageFlags,
  Name,
  RelativeDistinguishedName,
  SubjectAlternativeName,
  SubjectKeyIdentifier,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Time,
  Validity,
  id_ce_authorityKeyIdentifier,
  id_ce_basicConstraints,
  id_ce_extKeyUsage,
  id_ce_keyUsage,
  id_ce_subjectAltName,
  id_ce_subjectKeyIdentifier,
  id_kp_clientAuth,
  id_kp_serverAuth,
} from '@peculiar/asn1-x509';
import { FuncError, type GoFunc, fn } from './func-types.js';
import { decodeStdBase64 } from './go-base64.js';
import { sprint } from './fmt.js';
import { GoObject, GoSlice, type GoValue } from './values.js';

const S = 'string';
const CERT = 'sprig.certificate';
const LIST = '[]interface {}';

export const certificate = (cert: string, key: string): GoObject =>
  new GoObject(CERT, 'struct', [
    { name: 'Cert', value: cert },
    { name: 'Key', value: key },
  ]);

function fieldsOf(ca: GoValue): { cert: string; key: string } {
  const o = ca as GoObject;
  return { cert: o.fields[0]!.value as string, key: o.fields[1]!.value as string };
}

/** pem.Decode's first block: its type and bytes, or undefined. */
function pemDecode(text: string): { type: string; der: Buffer } | undefined {
  const m = /-----BEGIN ([^\n-]*)-----\r?\n([\s\S]*?)-----END \1-----/.exec(text);
  if (!m) return undefined;
  const body = m[2]!.replace(/\s+/g, '');
  const decoded = decodeStdBase64(body);
  return decoded.ok ? { type: m[1]!, der: decoded.bytes } : undefined;
}

const pemEncode = (type: string, der: Buffer): string =>
  `-----BEGIN ${type}-----\n${der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n?$/, '\n')}-----END ${type}-----\n`;

/** Sprig's parsePrivateKeyPEM, to a node KeyObject. */
function parsePrivateKeyPEM(text: string): KeyObject {
  const block = pemDecode(text);
  if (!block) throw new FuncError('no PEM data in input');
  const kind = block.type === 'PRIVATE KEY' ? 'PKCS#8' : block.type.endsWith(' PRIVATE KEY') ? block.type.slice(0, -12) : undefined;
  if (kind === undefined) throw new FuncError(`no private key data in PEM block of type ${block.type}`);
  const what: Record<string, string> = {
    'PKCS#8': 'decoding PEM as PKCS#8',
    RSA: 'parsing RSA private key from PEM',
    EC: 'parsing EC private key from PEM',
    DSA: 'parsing DSA private key from PEM',
  };
  if (!what[kind]) throw new FuncError(`invalid private key type ${block.type}`);
  try {
    return createPrivateKey(pemEncode(block.type, block.der));
  } catch {
    throw new FuncError(`${what[kind]}: x509: malformed private key`);
  }
}

/** pemBlockForKey: PKCS#1 for RSA, SEC 1 for EC, PKCS#8 for the rest. */
function keyPem(key: KeyObject): string {
  if (key.asymmetricKeyType === 'rsa') return key.export({ type: 'pkcs1', format: 'pem' }) as string;
  if (key.asymmetricKeyType === 'ec') return key.export({ type: 'sec1', format: 'pem' }) as string;
  return key.export({ type: 'pkcs8', format: 'pem' }) as string;
}

/** net.ParseIP, as the bytes x509 writes (4 for IPv4 and IPv4-mapped addresses). */
function parseIP(s: string): Buffer | undefined {
  if (isIPv4(s)) return /(^|\.)0\d/.test(s) ? undefined : Buffer.from(s.split('.').map(Number));
  if (!isIPv6(s) || s.includes('%')) return undefined;
  let tail: number[] = [];
  let text = s;
  const v4 = /:(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    const b = parseIP(v4[1]!);
    if (!b) return undefined;
    tail = [...b];
    // The embedded IPv4 address is the last two groups; drop it and the colon before it.
    text = s.slice(0, -v4[1]!.length);
    if (!text.endsWith('::')) text = text.slice(0, -1);
  }
  const [head, rest] = text.includes('::') ? (text.split('::') as [string, string]) : [text, undefined];
  const groups = (g: string): number[] => (g === '' ? [] : g.split(':').flatMap((h) => [parseInt(h, 16) >> 8, parseInt(h, 16) & 0xff]));
  const a = groups(head);
  const b = rest === undefined ? [] : groups(rest);
  const tailBytes = v4 ? tail : [];
  const fill = 16 - a.length - b.length - tailBytes.length;
  const bytes = Buffer.from([...a, ...new Array<number>(Math.max(0, fill)).fill(0), ...b, ...tailBytes].slice(0, 16));
  const mapped = bytes.subarray(0, 10).every((x) => x === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  return mapped ? bytes.subarray(12) : bytes;
}

/** The address as the ASN.1 library reads it back into the same bytes (dotted, or 8 full groups). */
const ipText = (b: Buffer): string => (b.length === 4 ? [...b].join('.') : Array.from({ length: 8 }, (_, i) => b.readUInt16BE(i * 2).toString(16)).join(':'));

function getNetIPs(ips: GoValue): Buffer[] {
  if (!(ips instanceof GoSlice)) return [];
  return ips.items.map((ip) => {
    if (typeof ip !== 'string') throw new FuncError(`error parsing ip: ${sprint([ip])} is not a string`);
    const b = parseIP(ip);
    if (!b) throw new FuncError(`error parsing ip: ${ip}`);
    return b;
  });
}

function getAlternateDNS(names: GoValue): string[] {
  if (!(names instanceof GoSlice)) return [];
  return names.items.map((n) => {
    if (typeof n !== 'string') throw new FuncError(`error processing alternate dns name: ${sprint([n])} is not a string`);
    return n;
  });
}

/** Go's asn1 isPrintable (with '*' and '&', which Go allows for compatibility). */
const isPrintable = (s: string): boolean => /^[A-Za-z0-9 '()+,\-./:=?*&]*$/.test(s);

function subjectName(cn: string): Name {
  if (cn === '') return new Name([]);
  const value = new AttributeValue(isPrintable(cn) ? { printableString: cn } : { utf8String: cn });
  return new Name([new RelativeDistinguishedName([new AttributeTypeAndValue({ type: '2.5.4.3', value })])]);
}

/** x509 writes UTCTime for 1950–2049 and GeneralizedTime otherwise, to the second. */
function x509Time(ms: number): Time {
  const d = new Date(Math.floor(ms / 1000) * 1000);
  const y = d.getUTCFullYear();
  return new Time(y >= 1950 && y < 2050 ? { utcTime: d } : { generalTime: d });
}

/** The signature algorithm Go picks for a signing key (SHA-256, or the curve's hash for ECDSA). */
function signatureAlgorithm(key: KeyObject): { alg: AlgorithmIdentifier; hash: string | null } {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return { alg: new AlgorithmIdentifier({ algorithm: '1.2.840.113549.1.1.11', parameters: null }), hash: 'sha256' };
    case 'ec': {
      const curve = key.asymmetricKeyDetails?.namedCurve;
      if (curve === 'secp384r1') return { alg: new AlgorithmIdentifier({ algorithm: '1.2.840.10045.4.3.3' }), hash: 'sha384' };
      if (curve === 'secp521r1') return { alg: new AlgorithmIdentifier({ algorithm: '1.2.840.10045.4.3.4' }), hash: 'sha512' };
      return { alg: new AlgorithmIdentifier({ algorithm: '1.2.840.10045.4.3.2' }), hash: 'sha256' };
    }
    case 'ed25519':
      return { alg: new AlgorithmIdentifier({ algorithm: '1.3.101.112' }), hash: null };
  }
  throw new FuncError('error creating certificate: x509: only RSA, ECDSA and Ed25519 keys supported');
}

interface Signer {
  key: KeyObject;
  /** The issuer certificate; absent when self-signed. */
  cert?: Certificate;
}

/** getBaseCertTemplate + getCertAndKey: the certificate and the signee's key, both PEM. */
function createCertificate(cn: string, ips: Buffer[], dns: string[], daysValid: bigint, isCA: boolean, signee: KeyObject, signer: Signer): GoObject {
  const { alg, hash } = signatureAlgorithm(signer.key);
  if (!['rsa', 'ec', 'ed25519'].includes(signee.asymmetricKeyType ?? ''))
    throw new FuncError('error creating certificate: x509: unsupported public key type: *dsa.PublicKey');
  const spkiDer = createPublicKey(signee).export({ type: 'spki', format: 'der' });
  const spki = AsnConvert.parse(spkiDer, SubjectPublicKeyInfo);
  // rand.Int(rand.Reader, 2^128): a non-negative integer, written as DER INTEGER bytes.
  let serial = randomBytes(16);
  while (serial.length > 1 && serial[0] === 0 && (serial[1]! & 0x80) === 0) serial = serial.subarray(1);
  if (serial[0]! & 0x80) serial = Buffer.concat([Buffer.from([0]), serial]);
  const now = Date.now();
  const subject = subjectName(cn);
  const issuer = signer.cert ? signer.cert.tbsCertificate.subject : subject;
  const selfIssued = Buffer.from(AsnConvert.serialize(issuer)).equals(Buffer.from(AsnConvert.serialize(subject)));
  const ext = (extnID: string, critical: boolean, value: object): Extension =>
    new Extension({ extnID, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });
  const extensions: Extension[] = [];
  if (isCA) {
    // Go 1.15+: a CA without a subject key id gets the SHA-1 of its public key bits.
    const ski = createHash('sha1').update(Buffer.from(spki.subjectPublicKey)).digest();
    extensions.push(ext(id_ce_subjectKeyIdentifier, false, new SubjectKeyIdentifier(ski)));
  }
  const usage = KeyUsageFlags.digitalSignature | KeyUsageFlags.keyEncipherment | (isCA ? KeyUsageFlags.keyCertSign : 0);
  extensions.push(ext(id_ce_keyUsage, true, new KeyUsage(usage)));
  extensions.push(ext(id_ce_extKeyUsage, false, new ExtendedKeyUsage([id_kp_serverAuth, id_kp_clientAuth])));
  extensions.push(ext(id_ce_basicConstraints, true, new BasicConstraints({ cA: isCA })));
  if (dns.length > 0 || ips.length > 0) {
    const names = [...dns.map((d) => new GeneralName({ dNSName: d })), ...ips.map((ip) => new GeneralName({ iPAddress: ipText(ip) }))];
    extensions.push(ext(id_ce_subjectAltName, false, new SubjectAlternativeName(names)));
  }
  const parentSki = signer.cert?.tbsCertificate.extensions?.find((e) => e.extnID === id_ce_subjectKeyIdentifier);
  if (parentSki && !selfIssued) {
    const keyId = AsnConvert.parse(parentSki.extnValue.buffer, SubjectKeyIdentifier);
    extensions.push(ext(id_ce_authorityKeyIdentifier, false, new AuthorityKeyIdentifier({ keyIdentifier: keyId })));
  }
  const validity = new Validity();
  validity.notBefore = x509Time(now);
  validity.notAfter = x509Time(now + Number(daysValid) * 86_400_000);
  const tbs = new TBSCertificate({
    version: 2,
    serialNumber: arrayBuffer(serial),
    signature: alg,
    issuer,
    validity,
    subject,
    subjectPublicKeyInfo: spki,
    extensions: new Extensions(extensions),
  });
  const tbsDer = Buffer.from(AsnConvert.serialize(tbs));
  const signature = sign(hash, tbsDer, signer.key);
  const der = Buffer.from(AsnConvert.serialize(new Certificate({ tbsCertificate: tbs, signatureAlgorithm: alg, signatureValue: arrayBuffer(signature) })));
  return certificate(pemEncode('CERTIFICATE', der), keyPem(signee));
}

const arrayBuffer = (b: Buffer): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer;

const rsa2048 = (): KeyObject => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

function withKey(pem: string): KeyObject {
  try {
    return parsePrivateKeyPEM(pem);
  } catch (e) {
    if (e instanceof FuncError) throw new FuncError(`parsing private key: ${e.message}`);
    throw e;
  }
}

/** The CA a signed certificate names: its certificate parsed, its key read (Sprig's checks, in order). */
function signerOf(ca: GoValue): Signer {
  const { cert, key } = fieldsOf(ca);
  const block = pemDecode(cert);
  if (!block) throw new FuncError('unable to decode certificate');
  let parsed: Certificate;
  try {
    parsed = AsnConvert.parse(block.der, Certificate);
  } catch {
    throw new FuncError('error parsing certificate: decodedSignerCert.Bytes: x509: malformed certificate');
  }
  try {
    return { cert: parsed, key: parsePrivateKeyPEM(key) };
  } catch (e) {
    if (e instanceof FuncError) throw new FuncError(`error parsing private key: ${e.message}`);
    throw e;
  }
}

function buildCustomCert(b64cert: string, b64key: string): GoObject {
  const cert = decodeStdBase64(b64cert);
  if (!cert.ok) throw new FuncError('unable to decode base64 certificate');
  const key = decodeStdBase64(b64key);
  if (!key.ok) throw new FuncError('unable to decode base64 private key');
  const block = pemDecode(cert.bytes.toString('latin1'));
  if (!block) throw new FuncError('unable to decode certificate');
  try {
    AsnConvert.parse(block.der, Certificate);
  } catch {
    throw new FuncError('error parsing certificate: decodedCert.Bytes: x509: malformed certificate');
  }
  try {
    parsePrivateKeyPEM(key.bytes.toString('latin1'));
  } catch (e) {
    if (e instanceof FuncError) throw new FuncError(`error parsing private key: ${e.message}`);
    throw e;
  }
  return certificate(cert.bytes.toString('utf8'), key.bytes.toString('utf8'));
}

export const sprigCertFuncs: [string, GoFunc][] = [
  ['buildCustomCert', fn([S, S], CERT, (a) => buildCustomCert(a[0] as string, a[1] as string))],
  [
    'genCA',
    fn([S, 'int'], CERT, (a) => {
      const key = rsa2048();
      return createCertificate(a[0] as string, [], [], a[1] as bigint, true, key, { key });
    }),
  ],
  [
    'genCAWithKey',
    fn([S, 'int', S], CERT, (a) => {
      const key = withKey(a[2] as string);
      return createCertificate(a[0] as string, [], [], a[1] as bigint, true, key, { key });
    }),
  ],
  [
    'genSelfSignedCert',
    fn([S, LIST, LIST, 'int'], CERT, (a) => {
      const ips = getNetIPs(a[1]!);
      const dns = getAlternateDNS(a[2]!);
      const key = rsa2048();
      return createCertificate(a[0] as string, ips, dns, a[3] as bigint, false, key, { key });
    }),
  ],
  [
    'genSelfSignedCertWithKey',
    fn([S, LIST, LIST, 'int', S], CERT, (a) => {
      const key = withKey(a[4] as string);
      return createCertificate(a[0] as string, getNetIPs(a[1]!), getAlternateDNS(a[2]!), a[3] as bigint, false, key, { key });
    }),
  ],
  [
    'genSignedCert',
    fn([S, LIST, LIST, 'int', CERT], CERT, (a) => {
      const key = rsa2048();
      const signer = signerOf(a[4]!);
      return createCertificate(a[0] as string, getNetIPs(a[1]!), getAlternateDNS(a[2]!), a[3] as bigint, false, key, signer);
    }),
  ],
  [
    'genSignedCertWithKey',
    fn([S, LIST, LIST, 'int', CERT, S], CERT, (a) => {
      const key = withKey(a[5] as string);
      const signer = signerOf(a[4]!);
      return createCertificate(a[0] as string, getNetIPs(a[1]!), getAlternateDNS(a[2]!), a[3] as bigint, false, key, signer);
    }),
  ],
];
