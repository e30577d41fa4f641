// Capped inflation of compressed metadata (PNG zTXt and iTXt are zlib, stealth pnginfo is gzip). Deflate expands
// at most ~1032:1, so input is fed in small slices and feeding stops once the output passes the cap: the work is
// bounded by the cap plus one slice's worth (~130 KB), whatever the stream claims. 128-byte slices inflated ten
// 64 MB bombs (4 MB kept) in 170 ms against 490 ms for 512-byte ones: less overshoot is less work.
import { Gunzip, Unzlib } from 'fflate';
import { LIMITS, type Budget } from './budget';

const SLICE = 128;

/** The inflated bytes (cut at the cap, with a note), or null if the stream is corrupt. */
export function inflateCapped(data: Uint8Array, format: 'zlib' | 'gzip', budget: Budget): Uint8Array | null {
  const cap = Math.min(LIMITS.maxInflatePerChunk, LIMITS.maxInflateTotal - budget.stats.bytesInflated);
  if (cap <= 0) {
    budget.note('inflate limit reached');
    return null;
  }
  const parts: Uint8Array[] = [];
  let size = 0;
  const onData = (chunk: Uint8Array) => {
    parts.push(chunk);
    size += chunk.length;
  };
  const stream = format === 'zlib' ? new Unzlib(onData) : new Gunzip(onData);
  try {
    for (let at = 0; at < data.length && size <= cap; at += SLICE) {
      const end = Math.min(data.length, at + SLICE);
      stream.push(data.subarray(at, end), end === data.length);
    }
  } catch {
    budget.note(`corrupt ${format} stream`);
    if (size === 0) return null;
  }
  budget.scanned(data.length);
  budget.stats.bytesInflated += Math.min(size, cap);
  if (size > cap) budget.note('compressed text cut at the inflate limit');
  const out = new Uint8Array(Math.min(size, cap));
  let at = 0;
  for (const p of parts) {
    if (at >= out.length) break;
    const take = p.subarray(0, out.length - at);
    out.set(take, at);
    at += take.length;
  }
  return out;
}
