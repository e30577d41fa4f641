// Turns a picked file into what the background stores: a bounded-size copy for analysis and a thumbnail.
// Decoding here (not in the background) means a corrupt file fails with a message before anything is saved.

/** Files above this are refused before decoding; an artwork export is rarely over a few MB. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
/** Long side of the copy sent for analysis: the model sees 224 px, the hash 64 px, so 1024 loses nothing. */
const ANALYSIS_SIDE = 1024;
const THUMB_SIDE = 240;

export class PrepareError extends Error {
  constructor(readonly key: 'gallery_not_image' | 'gallery_too_big') { super(key); }
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

export async function prepare(file: File): Promise<{ dataUrl: string; thumbnail: string }> {
  if (file.size > MAX_FILE_BYTES) throw new PrepareError('gallery_too_big');
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new PrepareError('gallery_not_image');
  }
  try {
    return {
      dataUrl: await scaled(bitmap, ANALYSIS_SIDE, 'image/jpeg', 0.92),
      thumbnail: await scaled(bitmap, THUMB_SIDE, 'image/jpeg', 0.85),
    };
  } finally {
    bitmap.close();
  }
}
