// The hard binding: does the manifest describe these very bytes? C2PA's data hash covers the whole file except
// the manifest's own ranges; its JPEG box hash covers the file segment by segment. BMFF hashes (AVIF/HEIF) are
// not checked and leave a manifest "unverified". Pure apart from WebCrypto's digest.
import { u16be, type Budget } from './budget';
import { bytesOf, isMap, text, type CborMap } from './cbor';
import type { Validity } from './cose';

const DIGESTS: Record<string, string> = { sha256: 'SHA-256', sha384: 'SHA-384', sha512: 'SHA-512' };

export async function digest(alg: string | undefined, data: Uint8Array): Promise<Uint8Array | null> {
  const name = DIGESTS[alg ?? 'sha256'];
  const subtle = globalThis.crypto?.subtle;
  if (!name || !subtle) return null;
  return new Uint8Array(await subtle.digest(name, data as BufferSource));
}

export const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

export interface BindingCheck { status: Validity; reason?: string }

/** Checks the active manifest's hard-binding assertion (its label and decoded CBOR) against the file. */
export async function checkBinding(label: string, assertion: CborMap, claimAlg: string | undefined, file: Uint8Array, complete: boolean, budget: Budget): Promise<BindingCheck> {
  if (!complete) return { status: 'unverified', reason: 'file larger than the byte limit' };
  const alg = text(assertion['alg']) ?? claimAlg;
  if (label.startsWith('c2pa.hash.data')) return dataHash(assertion, alg, file, budget);
  if (label.startsWith('c2pa.hash.boxes') && file[0] === 0xff && file[1] === 0xd8) return jpegBoxHash(assertion, alg, file, budget);
  return { status: 'unverified', reason: `${label} not checked` };
}

async function dataHash(a: CborMap, alg: string | undefined, file: Uint8Array, budget: Budget): Promise<BindingCheck> {
  const expected = bytesOf(a['hash']);
  const exclusions = (Array.isArray(a['exclusions']) ? a['exclusions'] : []).filter(isMap)
    .map((e) => ({ start: Number(e['start']), length: Number(e['length']) }))
    .sort((x, y) => x.start - y.start);
  if (!expected || exclusions.some((e) => !(e.start >= 0 && e.length >= 0 && e.start + e.length <= file.length))) {
    return { status: 'invalid', reason: 'malformed data hash' };
  }
  const kept: Uint8Array[] = [];
  let at = 0;
  for (const e of exclusions) {
    if (e.start < at) return { status: 'invalid', reason: 'overlapping data hash exclusions' };
    kept.push(file.subarray(at, e.start));
    at = e.start + e.length;
  }
  kept.push(file.subarray(at));
  const hash = await digest(alg, concat(kept));
  budget.scanned(file.length);
  if (!hash) return { status: 'unverified', reason: `hash algorithm ${alg} not supported` };
  return sameBytes(hash, expected) ? { status: 'valid' } : { status: 'invalid', reason: 'file bytes do not match the data hash' };
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

interface Segment { name: string; start: number; end: number }

const MARKER_NAMES: Record<number, string> = { 0xc4: 'DHT', 0xcc: 'DAC', 0xd8: 'SOI', 0xd9: 'EOI', 0xda: 'SOS', 0xdb: 'DQT', 0xdd: 'DRI', 0xfe: 'COM' };
const markerName = (m: number) => MARKER_NAMES[m] ?? (m >= 0xe0 && m <= 0xef ? `APP${m - 0xe0}` : m >= 0xc0 && m <= 0xcf ? `SOF${m - 0xc0}` : `0x${m.toString(16)}`);

/** The file as c2pa-rs's JPEG box map sees it: one entry per segment, SOS with its entropy-coded data, and all APP11 segments of the C2PA store as one "C2PA" entry. */
function jpegSegments(b: Uint8Array, budget: Budget): Segment[] | null {
  const out: Segment[] = [];
  let c2paEn = -1;
  for (let i = 0; i + 1 < b.length;) {
    if (!budget.box()) return null;
    if (b[i] !== 0xff) return null;
    const m = b[i + 1]!;
    if (m === 0xd8 || m === 0xd9) { out.push({ name: markerName(m), start: i, end: i + 2 }); i += 2; if (m === 0xd9) break; continue; }
    if (i + 4 > b.length) return null;
    let end = i + 2 + u16be(b, i + 2);
    if (end > b.length) return null;
    if (m === 0xda) {
      // Entropy-coded data runs to the next marker that is neither a stuffed 0xFF00 nor a restart marker.
      while (end + 1 < b.length && !(b[end] === 0xff && b[end + 1] !== 0 && !(b[end + 1]! >= 0xd0 && b[end + 1]! <= 0xd7))) end++;
    }
    const isC2pa = m === 0xeb && end - i > 20 && String.fromCharCode(...b.subarray(i + 28, i + 32)) === 'c2pa';
    const en = m === 0xeb ? u16be(b, i + 6) : -2;
    if (m === 0xeb && en === c2paEn && out.at(-1)?.name === 'C2PA') out.at(-1)!.end = end;
    else if (isC2pa) { c2paEn = en; out.push({ name: 'C2PA', start: i, end }); }
    else out.push({ name: markerName(m), start: i, end });
    i = end;
  }
  return out;
}

async function jpegBoxHash(a: CborMap, alg: string | undefined, file: Uint8Array, budget: Budget): Promise<BindingCheck> {
  const entries = (Array.isArray(a['boxes']) ? a['boxes'] : []).filter(isMap);
  const segments = jpegSegments(file, budget);
  if (!segments || entries.length === 0) return { status: 'invalid', reason: 'box hash does not fit the file' };
  let k = 0;
  for (const entry of entries) {
    const names = (Array.isArray(entry['names']) ? entry['names'] : []).map(String);
    const run = segments.slice(k, k + names.length);
    if (names.length === 0 || run.length !== names.length || run.some((s, j) => s.name !== names[j])) {
      return { status: 'invalid', reason: 'box hash does not fit the file' };
    }
    k += names.length;
    if (names[0] === 'C2PA') continue;
    const expected = bytesOf(entry['hash']);
    const hash = await digest(text(entry['alg']) ?? alg, file.subarray(run[0]!.start, run.at(-1)!.end));
    budget.scanned(run.at(-1)!.end - run[0]!.start);
    if (!hash || !expected) return { status: 'unverified', reason: 'box hash algorithm not supported' };
    if (!sameBytes(hash, expected)) return { status: 'invalid', reason: `file bytes do not match the box hash (${names.join(',')})` };
  }
  return k === segments.length ? { status: 'valid' } : { status: 'invalid', reason: 'file has segments the box hash does not cover' };
}
