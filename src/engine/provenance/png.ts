// PNG chunks: text (tEXt, zTXt, iTXt — where generators write their parameters and tools write XMP), eXIf,
// and caBX (C2PA). Chunk data is skipped, not read, unless its type is one of those. Pure.
import { LIMITS, fourCC, nul, readLatin1, readUtf8, u32be, type Budget } from './budget';
import { addXmp, emptyFound, setJumbf, type Found } from './found';
import { inflateCapped } from './inflate';

const MAX_TEXTS = 64;

export function walkPng(b: Uint8Array, budget: Budget): Found {
  const found = emptyFound('png');
  let i = 8;
  while (i + 12 <= b.length && budget.box()) {
    const len = u32be(b, i);
    const type = fourCC(b, i + 4);
    const start = i + 8;
    const end = start + len;
    if (end + 4 > b.length) { budget.note('truncated PNG chunk'); break; }
    budget.scanned(12);
    const data = b.subarray(start, end);
    if (type === 'IEND') break;
    if (type === 'caBX') setJumbf(found, data, 'PNG caBX chunk', budget);
    else if (type === 'eXIf') found.exif.push(data);
    else if ((type === 'tEXt' || type === 'zTXt' || type === 'iTXt') && found.texts.length < MAX_TEXTS) readText(found, type, data, budget);
    i = end + 4;
  }
  return found;
}

function readText(found: Found, chunk: 'tEXt' | 'zTXt' | 'iTXt', data: Uint8Array, budget: Budget): void {
  const k = nul(data, 0, Math.min(data.length, 80));
  if (k < 1) return;
  const keyword = readLatin1(data.subarray(0, k));
  let body: Uint8Array | null;
  let utf8 = false;
  let compressed = chunk === 'zTXt';
  if (chunk === 'tEXt') body = data.subarray(k + 1);
  else if (chunk === 'zTXt') body = inflateCapped(data.subarray(k + 2), 'zlib', budget);
  else {
    compressed = data[k + 1] === 1;
    const lang = nul(data, k + 3);
    const translated = lang < 0 ? -1 : nul(data, lang + 1);
    if (translated < 0) return;
    const raw = data.subarray(translated + 1);
    body = compressed ? inflateCapped(raw, 'zlib', budget) : raw;
    utf8 = true;
  }
  if (!body) return;
  if (keyword === 'XML:com.adobe.xmp') return addXmp(found, body, budget);
  const kept = body.subarray(0, LIMITS.maxInflatePerChunk);
  if (!compressed) budget.scanned(kept.length); // inflateCapped counted the compressed bytes
  found.texts.push({ chunk, keyword, text: utf8 ? readUtf8(kept) : readLatin1(kept) });
}
