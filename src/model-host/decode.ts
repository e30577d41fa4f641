// Fetching and decoding a picture to the analysis raster. Runs in the decode worker (and anywhere with
// fetch, createImageBitmap and OffscreenCanvas). May import only src/engine.
import { analysisScale } from '../engine/prepare';
import type { Raster } from '../engine/image';
import { imageSize } from '../engine/image-size';

/** Largest encoded image accepted; beyond this a feed image is not a feed image. */
const MAX_BYTES = 40 * 1024 * 1024;
/** Longest edge accepted before decoding further (a decompression-bomb guard). */
const MAX_SIDE = 20_000;

/** Where a picture's time went (ms), for bench:perf. */
export interface DecodeTiming { fetch: number; decode: number; prepare: number }

export async function fetchRaster(url: string, role: 'query' | 'gallery', timing?: DecodeTiming): Promise<Raster> {
  const t0 = performance.now();
  // credentials 'omit': the artist's cookies never ride along; the host permission lifts CORS for us.
  const res = await fetch(url, { credentials: 'omit', referrerPolicy: 'no-referrer' });
  if (!res.ok) throw new Error(`image fetch failed: HTTP ${res.status}`);
  const blob = await res.blob();
  if (blob.size > MAX_BYTES) throw new Error('image too large');
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const t1 = performance.now();
  if (timing) timing.fetch = t1 - t0;
  const size = imageSize(bytes.subarray(0, 256 * 1024));
  if (size && (size.width > MAX_SIDE || size.height > MAX_SIDE)) throw new Error('image dimensions too large');
  // Ask the decoder for the analysis size directly. An EXIF-rotated JPEG (rare: platforms strip EXIF) comes
  // out with its aspect squeezed, which the signals tolerate (the squeeze transform scores 100 % recall).
  const k = size ? analysisScale(size.width, size.height, role) : 1;
  const bitmap = await createImageBitmap(blob, size && k < 1
    ? { resizeWidth: Math.max(1, Math.round(size.width * k)), resizeHeight: Math.max(1, Math.round(size.height * k)), resizeQuality: 'medium' }
    : {}).catch(() => { throw new Error('not a decodable image'); });
  if (bitmap.width > MAX_SIDE || bitmap.height > MAX_SIDE) {
    bitmap.close();
    throw new Error('image dimensions too large');
  }
  const scale = analysisScale(bitmap.width, bitmap.height, role);
  const w = Math.max(1, Math.round(bitmap.width * scale));
  const h = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = new OffscreenCanvas(w, h);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2d context');
  ctx.imageSmoothingQuality = 'medium';
  ctx.drawImage(bitmap, 0, 0, w, h);
  bitmap.close();
  const data = ctx.getImageData(0, 0, w, h).data;
  if (timing) timing.decode = performance.now() - t1;
  return { data, width: w, height: h, channels: 4 };
}
