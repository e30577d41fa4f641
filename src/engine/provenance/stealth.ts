// AUTOMATIC1111's "stealth pnginfo" (sd-webui-stealth-pnginfo): the generation parameters hidden in the least
// significant bits of the alpha channel, read column by column — a 15-byte signature ("stealth_pnginfo", or
// "stealth_pngcomp" for gzip), a 32-bit length in bits, then the data. It survives re-encoding as PNG but not
// as JPEG, and needs decoded pixels, so the caller passes them when it has them. Pure.
import { LIMITS, readUtf8, type Budget } from './budget';
import { inflateCapped } from './inflate';

export interface Pixels {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
  /** 4 for RGBA; anything else has no alpha and so no stealth text. */
  channels: number;
}

const SIGNATURE_BITS = 15 * 8;

export function readStealth(p: Pixels, budget: Budget): string | null {
  if (p.channels !== 4 || p.data.length < p.width * p.height * 4) return null;
  const total = p.width * p.height;
  let n = 0;
  // Column-major, as the extension writes it: x outer, y inner.
  const bit = () => p.data[((n % p.height) * p.width + Math.floor(n++ / p.height)) * 4 + 3]! & 1;
  const bytes = (count: number) => {
    const out = new Uint8Array(count);
    for (let k = 0; k < count; k++) for (let b = 0; b < 8; b++) out[k] = (out[k]! << 1) | bit();
    return out;
  };
  if (total < SIGNATURE_BITS + 32) return null;
  const signature = readUtf8(bytes(15));
  if (signature !== 'stealth_pnginfo' && signature !== 'stealth_pngcomp') return null;
  let length = 0;
  for (let k = 0; k < 32; k++) length = length * 2 + bit();
  // The length is in bits; a lying one is cut to what the picture holds and what the budget allows.
  const byteCount = Math.min(Math.floor(length / 8), Math.floor((total - n) / 8), LIMITS.maxInflatePerChunk);
  const data = bytes(byteCount);
  budget.scanned(byteCount * 8);
  const text = signature === 'stealth_pngcomp' ? inflateCapped(data, 'gzip', budget) : data;
  return text ? readUtf8(text) : null;
}
