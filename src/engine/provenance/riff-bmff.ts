// WebP (RIFF) chunks — EXIF, "XMP ", C2PA — and ISO BMFF (AVIF, HEIF) top-level boxes, where C2PA lives in a
// uuid box. Pure.
import { fourCC, nul, readLatin1, u32be, u32le, type Budget } from './budget';
import { addXmp, emptyFound, setJumbf, type Found } from './found';

export function walkWebp(b: Uint8Array, budget: Budget): Found {
  const found = emptyFound('webp');
  let i = 12;
  while (i + 8 <= b.length && budget.box()) {
    const type = fourCC(b, i);
    const len = u32le(b, i + 4);
    const start = i + 8;
    const end = start + len;
    if (end > b.length) { budget.note('truncated WebP chunk'); break; }
    budget.scanned(8);
    const data = b.subarray(start, end);
    if (type === 'C2PA') setJumbf(found, data, 'WebP C2PA chunk', budget);
    else if (type === 'XMP ') addXmp(found, data, budget);
    // Some writers keep JPEG's "Exif\0\0" prefix inside the chunk.
    else if (type === 'EXIF') found.exif.push(readLatin1(data.subarray(0, 6)) === 'Exif\0\0' ? data.subarray(6) : data);
    i = end + (len & 1);
  }
  return found;
}

const C2PA_UUID = 'd8fec3d61b0e483c92975828877ec481';
const XMP_UUID = 'be7acfcb97a942e89c71999491e3afac';
const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

export function walkBmff(b: Uint8Array, budget: Budget): Found {
  const found = emptyFound('bmff');
  let i = 0;
  while (i + 8 <= b.length && budget.box()) {
    let size = u32be(b, i);
    let header = 8;
    if (size === 1) {
      if (i + 16 > b.length) break;
      // 64-bit sizes past 2^53 are lies in any file we can hold.
      size = u32be(b, i + 8) * 2 ** 32 + u32be(b, i + 12);
      header = 16;
    } else if (size === 0) size = b.length - i;
    const end = i + size;
    if (size < header || end > b.length) { budget.note('truncated BMFF box'); break; }
    budget.scanned(header);
    if (fourCC(b, i + 4) === 'uuid' && i + header + 16 <= end) {
      const id = hex(b.subarray(i + header, i + header + 16));
      const body = b.subarray(i + header + 16, end);
      if (id === C2PA_UUID) readC2paUuid(found, body, budget);
      else if (id === XMP_UUID) addXmp(found, body, budget);
    }
    i = end;
  }
  // HEIF and AVIF keep XMP as an item inside the meta box; finding the packet's text is cheaper than the item tables.
  if (found.xmp.length === 0) {
    budget.scanned(b.length);
    const start = find(b, '<x:xmpmeta', 0);
    const end = start < 0 ? -1 : find(b, '</x:xmpmeta>', start);
    if (end > 0) addXmp(found, b.subarray(start, end + 12), budget);
  }
  return found;
}

/** Index of an ASCII string in bytes, without decoding the file to a string. */
function find(b: Uint8Array, s: string, from: number): number {
  const first = s.charCodeAt(0);
  for (let i = b.indexOf(first, from); i >= 0 && i + s.length <= b.length; i = b.indexOf(first, i + 1)) {
    let k = 1;
    while (k < s.length && b[i + k] === s.charCodeAt(k)) k++;
    if (k === s.length) return i;
  }
  return -1;
}

/** C2PA 2.x, "Embedding manifests into BMFF": FullBox header, purpose string, then for "manifest" a 64-bit offset and the store. */
function readC2paUuid(found: Found, body: Uint8Array, budget: Budget): void {
  const p = nul(body, 4, Math.min(body.length, 64));
  if (p < 0 || readLatin1(body.subarray(4, p)) !== 'manifest') return;
  setJumbf(found, body.subarray(p + 1 + 8), 'BMFF uuid box', budget);
}
