// Turns a picked file into what the background stores: a bounded-size copy for analysis, a thumbnail and the
// hash of the file's bytes (how a second copy of the same file is recognised). Every reason a file cannot be
// added is found here, before anything is saved: from its bytes first (import-sniff.ts), then by decoding it.
import { ALWAYS_DECODABLE, MAX_PIXELS, formatOf, sizeProblem, sniff, type FailReason, type ImageFormat } from './import-sniff';

/** Long side of the copy sent for analysis: the model sees 224 px, the hash 64 px, so 1024 loses nothing. */
const ANALYSIS_SIDE = 1024;
const THUMB_SIDE = 240;

export type Prepared =
  | { ok: true; dataUrl: string; thumbnail: string; contentHash: string }
  | { ok: false; reason: FailReason; format?: ImageFormat; width?: number; height?: number };

// A 1 × 1 AVIF (sharp's output): Chrome decodes AVIF since 85 and Firefox since 93, but an embedded or
// policy-restricted build may not, and only a decode tells.
const AVIF_PROBE = 'AAAAHGZ0eXBhdmlmAAAAAG1pZjFhdmlmbWlhZgAAANZtZXRhAAAAAAAAACFoZGxyAAAAAAAAAABwaWN0AAAAAAAAAAAAAAAAAAAAACJpbG9jAAAAAERAAAEAAQAAAAAA+gABAAAAAAAAAB0AAAAjaWluZgAAAAAAAQAAABVpbmZlAgAAAAABAABhdjAxAAAAAA5waXRtAAAAAAABAAAAVmlwcnAAAAA4aXBjbwAAAAxhdjFDgSACAAAAABRpc3BlAAAAAAAAAAEAAAABAAAAEHBpeGkAAAAAAwgICAAAABZpcG1hAAAAAAAAAAEAAQOBAgMAAAAlbWRhdBIACgc4AAaQENBpMhAZQmMEwAA0AACQQMkcYIpq';
let avifDecodes: Promise<boolean> | undefined;

async function decodable(format: ImageFormat | undefined): Promise<ReadonlySet<ImageFormat>> {
  if (format !== 'avif') return ALWAYS_DECODABLE;
  avifDecodes ??= createImageBitmap(new Blob([Uint8Array.from(atob(AVIF_PROBE), (c) => c.charCodeAt(0))], { type: 'image/avif' }))
    .then((b) => { b.close(); return true; }, () => false);
  return (await avifDecodes) ? new Set([...ALWAYS_DECODABLE, 'avif']) : ALWAYS_DECODABLE;
}

/** The content hash a work made from these bytes carries (sha256, hex). */
export async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (x) => x.toString(16).padStart(2, '0')).join('');
}

async function scaled(bitmap: ImageBitmap, side: number, type: string, quality: number): Promise<string> {
  const k = Math.min(1, side / Math.max(bitmap.width, bitmap.height));
  const w = Math.max(1, Math.round(bitmap.width * k));
  const h = Math.max(1, Math.round(bitmap.height * k));
  const canvas = new OffscreenCanvas(w, h);
  const ctx = canvas.getContext('2d')!;
  // Transparent artwork is judged on white, like the platforms show it.
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, 0, 0, w, h);
  const blob = await canvas.convertToBlob({ type, quality });
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(r.result as string);
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(blob);
  });
}

/** Resolves with the reason for a file that cannot be a work; rejects only on failures that are not the file's. */
export async function prepare(file: Blob): Promise<Prepared> {
  // Checked before reading: a 2 GB video dropped by mistake is never loaded into memory.
  const early = sizeProblem(file.size);
  if (early) return { ok: false, reason: early };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const sniffed = sniff(bytes, await decodable(formatOf(bytes)));
  if (!sniffed.ok) return sniffed;
  const contentHash = await sha256(bytes);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    // The header said this browser opens it, so the damage is further in.
    return { ok: false, reason: 'truncated', format: sniffed.format };
  }
  try {
    // The header was judged before decoding; a decoder that found more pixels than it stated is not trusted further.
    if (bitmap.width * bitmap.height > MAX_PIXELS) {
      return { ok: false, reason: 'too-many-pixels', format: sniffed.format, width: bitmap.width, height: bitmap.height };
    }
    return {
      ok: true,
      contentHash,
      dataUrl: await scaled(bitmap, ANALYSIS_SIDE, 'image/jpeg', 0.92),
      thumbnail: await scaled(bitmap, THUMB_SIDE, 'image/jpeg', 0.85),
    };
  } finally {
    bitmap.close();
  }
}
