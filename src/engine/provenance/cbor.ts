// A bounded CBOR (RFC 8949) decoder for C2PA claims, assertions and COSE signatures. Maps become null-prototype
// objects keyed by String(key) (COSE's integer labels read as "1", "33"); tags are dropped, their content kept.
// Every length is checked against the bytes left before anything is allocated, and nesting and item counts are
// capped, so a lying or hostile value costs at most its own size. Pure.
import { LIMITS, readUtf8 } from './budget';

export type CborMap = { [key: string]: unknown };

class CborError extends Error {}

export function decodeCbor(bytes: Uint8Array): unknown {
  let at = 0;
  let items = 0;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const need = (n: number) => {
    if (n > bytes.length - at) throw new CborError('CBOR length past the end');
  };
  const arg = (info: number): number => {
    if (info < 24) return info;
    const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
    if (size === 0) throw new CborError('bad CBOR argument');
    need(size);
    let v = 0;
    for (let k = 0; k < size; k++) v = v * 256 + bytes[at + k]!;
    at += size;
    return v;
  };
  /** An indefinite-length string's definite chunks, joined. */
  const chunks = (depth: number): Uint8Array => {
    const parts: Uint8Array[] = [];
    for (need(1); bytes[at] !== 0xff; need(1)) {
      const part = item(depth + 1);
      if (part instanceof Uint8Array) parts.push(part);
      else if (typeof part === 'string') parts.push(new TextEncoder().encode(part));
      else throw new CborError('bad CBOR string chunk');
    }
    at++;
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) { out.set(p, o); o += p.length; }
    return out;
  };
  const item = (depth: number): unknown => {
    if (depth > LIMITS.maxCborDepth) throw new CborError('CBOR nested too deep');
    if (++items > LIMITS.maxCborItems) throw new CborError('too many CBOR items');
    need(1);
    const head = bytes[at++]!;
    const major = head >> 5;
    const info = head & 31;
    if (info === 31 && major >= 2 && major <= 5) return indefinite(major, depth);
    switch (major) {
      case 0: return arg(info);
      case 1: return -1 - arg(info);
      case 2: case 3: {
        const n = arg(info);
        need(n);
        const b = bytes.subarray(at, at + n);
        at += n;
        return major === 2 ? b : readUtf8(b);
      }
      case 4: {
        const n = arg(info);
        need(n); // every item takes at least one byte
        const out: unknown[] = [];
        for (let k = 0; k < n; k++) out.push(item(depth + 1));
        return out;
      }
      case 5: {
        const n = arg(info);
        need(n * 2);
        const out: CborMap = Object.create(null);
        for (let k = 0; k < n; k++) {
          const key = String(item(depth + 1));
          out[key] = item(depth + 1);
        }
        return out;
      }
      case 6: arg(info); return item(depth + 1);
      default: return simple(info);
    }
  };
  const indefinite = (major: number, depth: number): unknown => {
    if (major === 2) return chunks(depth);
    if (major === 3) return readUtf8(chunks(depth));
    const list: unknown[] = [];
    const map: CborMap = Object.create(null);
    for (;;) {
      need(1);
      if (bytes[at] === 0xff) { at++; break; }
      if (major === 4) list.push(item(depth + 1));
      else { const key = String(item(depth + 1)); map[key] = item(depth + 1); }
    }
    return major === 4 ? list : map;
  };
  const simple = (info: number): unknown => {
    if (info === 20) return false;
    if (info === 21) return true;
    if (info === 22 || info === 23) return null;
    if (info === 24) { need(1); at++; return null; }
    if (info === 25) { need(2); const h = view.getUint16(at); at += 2; return half(h); }
    if (info === 26) { need(4); const f = view.getFloat32(at); at += 4; return f; }
    if (info === 27) { need(8); const f = view.getFloat64(at); at += 8; return f; }
    if (info < 20) return null;
    throw new CborError('bad CBOR simple value');
  };
  return item(0);
}

function half(h: number): number {
  const exp = (h >> 10) & 0x1f;
  const mant = h & 0x3ff;
  const v = exp === 0 ? mant * 2 ** -24 : exp === 31 ? (mant ? NaN : Infinity) : (mant + 1024) * 2 ** (exp - 25);
  return h & 0x8000 ? -v : v;
}

export const isMap = (v: unknown): v is CborMap => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
export const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const bytesOf = (v: unknown): Uint8Array | undefined => (v instanceof Uint8Array ? v : undefined);
