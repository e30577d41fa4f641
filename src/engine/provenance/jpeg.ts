// JPEG segments up to the image data: EXIF and XMP in APP1, C2PA JUMBF in APP11, comments in COM. Pure.
import { readLatin1, u16be, u32be, type Budget } from './budget';
import { addXmp, emptyFound, setJumbf, type Found } from './found';

const EXIF = 'Exif\0\0';
const XMP = 'http://ns.adobe.com/xap/1.0/\0';
const SOS = 0xda;

const startsWith = (b: Uint8Array, at: number, s: string) => readLatin1(b.subarray(at, at + s.length)) === s;

export function walkJpeg(b: Uint8Array, budget: Budget): Found {
  const found = emptyFound('jpeg');
  // APP11 segments of one JUMBF box, by box instance (En); ISO 19566-5 splits a box over as many as it needs.
  const jumbf = new Map<number, { seq: number; data: Uint8Array }[]>();
  let i = 2;
  while (i + 4 <= b.length && budget.box()) {
    if (b[i] !== 0xff) { budget.note('JPEG segment marker missing'); break; }
    const marker = b[i + 1]!;
    if (marker === 0xff) { i++; continue; } // fill byte
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { i += 2; continue; }
    if (marker === 0xd9 || marker === SOS) break; // metadata precedes the scan
    const len = u16be(b, i + 2);
    const start = i + 4;
    const end = i + 2 + len;
    if (len < 2 || end > b.length) { budget.note('truncated JPEG segment'); break; }
    budget.scanned(4);
    if (marker === 0xe1 && startsWith(b, start, EXIF)) {
      found.exif.push(b.subarray(start + EXIF.length, end));
    } else if (marker === 0xe1 && startsWith(b, start, XMP)) {
      addXmp(found, b.subarray(start + XMP.length, end), budget);
    } else if (marker === 0xeb && end - start > 8 && b[start] === 0x4a && b[start + 1] === 0x50) {
      const en = u16be(b, start + 2);
      const parts = jumbf.get(en) ?? [];
      parts.push({ seq: u32be(b, start + 4), data: b.subarray(start + 8, end) });
      jumbf.set(en, parts);
    } else if (marker === 0xfe && found.texts.length < 64) {
      budget.scanned(end - start);
      found.texts.push({ chunk: 'COM', keyword: 'comment', text: readLatin1(b.subarray(start, end)) });
    }
    i = end;
  }
  for (const parts of jumbf.values()) {
    const store = reassemble(parts);
    // Other JUMBF (JPEG XT, 360 metadata) can share APP11; the C2PA store's description box is labelled "c2pa".
    if (store && readLatin1(store.subarray(8, 40)).includes('c2pa')) setJumbf(found, store, 'JPEG APP11 JUMBF', budget);
  }
  return found;
}

/** One JUMBF box from its APP11 parts: every part after the first repeats the box header (LBox, TBox[, XLBox]). */
function reassemble(parts: { seq: number; data: Uint8Array }[]): Uint8Array | null {
  parts.sort((a, b) => a.seq - b.seq);
  const first = parts[0]!.data;
  if (first.length < 8) return null;
  const header = u32be(first, 0) === 1 ? 16 : 8;
  const size = parts.reduce((n, p, k) => n + (k === 0 ? p.data.length : Math.max(0, p.data.length - header)), 0);
  const out = new Uint8Array(size);
  let at = 0;
  parts.forEach((p, k) => {
    const d = k === 0 ? p.data : p.data.subarray(header);
    out.set(d, at);
    at += d.length;
  });
  return out;
}
