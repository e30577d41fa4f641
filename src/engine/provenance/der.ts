// Just enough DER to take a signing certificate apart: its public key (SubjectPublicKeyInfo, for WebCrypto) and
// its subject's organisation and common name (to say who signed). Lengths are checked against the bytes. Pure.
import { readUtf8 } from './budget';

interface Tlv { tag: number; value: Uint8Array; raw: Uint8Array }

function tlv(b: Uint8Array, at: number): Tlv | null {
  if (at + 2 > b.length) return null;
  const tag = b[at]!;
  let len = b[at + 1]!;
  let head = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || at + 2 + n > b.length) return null;
    len = 0;
    for (let k = 0; k < n; k++) len = len * 256 + b[at + 2 + k]!;
    head += n;
  }
  if (at + head + len > b.length) return null;
  return { tag, value: b.subarray(at + head, at + head + len), raw: b.subarray(at, at + head + len) };
}

function children(b: Uint8Array): Tlv[] {
  const out: Tlv[] = [];
  for (let at = 0; at < b.length && out.length < 64;) {
    const t = tlv(b, at);
    if (!t) break;
    out.push(t);
    at += t.raw.length;
  }
  return out;
}

export function oid(b: Uint8Array): string {
  const parts = [Math.floor(b[0]! / 40), b[0]! % 40];
  let v = 0;
  for (const x of b.subarray(1)) {
    v = v * 128 + (x & 0x7f);
    if (!(x & 0x80)) { parts.push(v); v = 0; }
  }
  return parts.join('.');
}

export interface Certificate {
  /** DER SubjectPublicKeyInfo. */
  spki: Uint8Array;
  /** The key's algorithm OID and, for EC keys, the curve OID. */
  keyAlg: string;
  curve: string | null;
  /** The public key bits (the SPKI BIT STRING without its unused-bits byte). */
  keyBits: Uint8Array;
  subject: string;
}

const CN = '2.5.4.3';
const O = '2.5.4.10';

export function parseCertificate(der: Uint8Array): Certificate | null {
  const cert = tlv(der, 0);
  const tbs = cert && children(cert.value)[0];
  if (!tbs) return null;
  const f = children(tbs.value);
  const base = f[0]?.tag === 0xa0 ? 1 : 0; // the optional [0] version
  const subject = f[base + 4];
  const spki = f[base + 5];
  if (!subject || !spki || spki.tag !== 0x30) return null;
  const [alg, bits] = children(spki.value);
  const [algOid, params] = alg ? children(alg.value) : [];
  if (!algOid || algOid.tag !== 0x06 || !bits || bits.tag !== 0x03) return null;
  return {
    spki: spki.raw, keyAlg: oid(algOid.value), curve: params?.tag === 0x06 ? oid(params.value) : null,
    keyBits: bits.value.subarray(1), subject: nameOf(subject.value),
  };
}

/** "O / CN" of an X.501 Name. */
function nameOf(name: Uint8Array): string {
  const found: Record<string, string> = {};
  for (const rdn of children(name)) {
    for (const atv of children(rdn.value)) {
      const [type, value] = children(atv.value);
      if (type?.tag === 0x06 && value) found[oid(type.value)] = readUtf8(value.value);
    }
  }
  return [found[O], found[CN]].filter((x) => x).join(' / ');
}

const length = (n: number) => (n < 128 ? [n] : n < 256 ? [0x81, n] : n < 65536 ? [0x82, n >> 8, n & 255] : [0x83, n >> 16, (n >> 8) & 255, n & 255]);

export function derSequence(...parts: Uint8Array[]): Uint8Array {
  const body = parts.reduce((n, p) => n + p.length, 0);
  const head = [0x30, ...length(body)];
  const out = new Uint8Array(head.length + body);
  out.set(head);
  let at = head.length;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

export function derBitString(bits: Uint8Array): Uint8Array {
  const head = [0x03, ...length(bits.length + 1), 0];
  const out = new Uint8Array(head.length + bits.length);
  out.set(head);
  out.set(bits, head.length);
  return out;
}

/** An ECDSA signature in DER (SEQUENCE of two INTEGERs) as the fixed-size r||s that COSE and WebCrypto use. */
export function ecdsaRaw(sig: Uint8Array, size: number): Uint8Array | null {
  const seq = tlv(sig, 0);
  const [r, s] = seq && seq.tag === 0x30 ? children(seq.value) : [];
  if (!r || !s) return null;
  const out = new Uint8Array(size * 2);
  for (const [k, int] of [r, s].entries()) {
    const v = int.value.subarray(Math.max(0, int.value.length - size));
    out.set(v, k * size + size - v.length);
  }
  return out;
}
