// Fetching and decoding a picture to the analysis raster. Runs in the decode worker (and anywhere with
// fetch, createImageBitmap and OffscreenCanvas). May import src/engine and the bounded fetch in src/shared.
// Chrome fetches in the extension's process and decodes in the model frame's (framed-pictures.ts), so the two
// halves are apart: `decodeBytes` never touches the network.
import { analysisScale } from '../engine/prepare';
import type { Box, Raster } from '../engine/image';
import { zoomSize } from '../engine/zoom';
import { MAX_PIXELS, imageSize, sizeRefusal, type Size } from '../engine/image-size';
import { fetchPicture } from '../shared/picture-fetch';
import { PictureError } from '../shared/refusal';

/** Longest edge accepted before decoding further (a decompression-bomb guard beside the pixel cap). */
const MAX_SIDE = 20_000;

/**
 * Raster buffers given back once a picture's signals are cut (releaseRaster), for the next JPEG's pixels: a fresh
 * ~1 MB buffer is ~250 fresh pages, and copying a decoded frame into one took 4.5–5.8 ms in a worker on the CI VM
 * against 0.14–0.16 ms into a reused one (engine/scratch.ts says why). A buffer leaves this list while a decode fills
 * it, so two decodes in flight never share one. A few, as most pictures come out about the same size.
 */
const spare: Uint8ClampedArray[] = [];
const SPARE_MAX = 3;
const SPARE_MAX_BYTES = 8 << 20;

/** `n` bytes from a spare buffer big enough, else new ones. */
function rasterBuffer(n: number): Uint8ClampedArray {
  const k = spare.findIndex((b) => b.length >= n);
  if (k < 0) return new Uint8ClampedArray(n);
  const [b] = spare.splice(k, 1);
  return b!.length === n ? b! : b!.subarray(0, n);
}

/**
 * Gives a decoded raster's buffer back for the next picture. Only for a raster nothing reads any more: the caller
 * has cut its crops, hash and keypoint plane (all copies) and keeps no reference to it.
 */
export function releaseRaster(r: Raster): void {
  const buffer = r.data.buffer;
  // Given back twice, one buffer would go to two decodes at once.
  if (!(r.data instanceof Uint8ClampedArray) || !(buffer instanceof ArrayBuffer) || buffer.byteLength > SPARE_MAX_BYTES || spare.some((b) => b.buffer === buffer)) return;
  if (spare.length >= SPARE_MAX) spare.shift();
  spare.push(new Uint8ClampedArray(buffer));
}

/** Where a picture's time went (ms), for bench:perf. */
export interface DecodeTiming { fetch: number; decode: number; prepare: number }

/**
 * `canvas` skips WebCodecs, as a browser without ImageDecoder does; the decode test compares both paths in
 * each browser, since Chromium and Firefox 140 both have ImageDecoder.
 */
export type DecoderChoice = 'auto' | 'canvas';

/** The decoded raster, and the picture's bytes: its provenance is read from them (decode-worker.ts). */
export async function fetchRaster(url: string, role: 'query' | 'gallery', timing?: DecodeTiming, decoder: DecoderChoice = 'auto'): Promise<{ raster: Raster; bytes: Uint8Array }> {
  const { bytes } = await fetchBytes(url, timing);
  return { raster: await decodeBytes(bytes, role, timing, decoder), bytes };
}

/** The bounded fetch (shared/picture-fetch.ts) as the model host makes it: no referrer, the time recorded. */
export async function fetchBytes(url: string, timing?: DecodeTiming): Promise<{ bytes: Uint8Array }> {
  const t0 = performance.now();
  const { bytes } = await fetchPicture(url, { referrerPolicy: 'no-referrer' });
  if (timing) timing.fetch = performance.now() - t0;
  return { bytes };
}

/** A picture's bytes to its analysis raster, refused (PictureError) when its header is missing or too large. */
export async function decodeBytes(bytes: Uint8Array, role: 'query' | 'gallery', timing?: DecodeTiming, decoder: DecoderChoice = 'auto'): Promise<Raster> {
  const t0 = performance.now();
  const raster = await decodeRaster(bytes, role, decoder);
  if (timing) timing.decode = performance.now() - t0;
  return raster;
}

/** The picture's header size and its analysis size, or the refusal (PictureError) of a picture too large or sizeless. */
function sizes(bytes: Uint8Array, role: 'query' | 'gallery'): { size: Size; target: Size } {
  // The size must be found, and allowed, before a byte is decoded: a decoder told nothing decodes whatever the
  // file claims (a 981-byte JPEG claiming 19,999 × 19,999 px took 2.3 GB and 10 s to reject).
  const size = imageSize(bytes);
  const refused = sizeRefusal(size);
  if (refused === 'no-size' || !size) throw new PictureError('unreadable', 'no picture size found in its header');
  if (refused || size.width > MAX_SIDE || size.height > MAX_SIDE) throw new PictureError('too-large', `${size.width} × ${size.height} px`);
  const k = analysisScale(size.width, size.height, role);
  return { size, target: { width: Math.max(1, Math.round(size.width * k)), height: Math.max(1, Math.round(size.height * k)) } };
}

const isJpeg = (bytes: Uint8Array) => bytes[0] === 0xff && bytes[1] === 0xd8;

async function decodeRaster(bytes: Uint8Array, role: 'query' | 'gallery', decoder: DecoderChoice): Promise<Raster> {
  const { size, target } = sizes(bytes, role);
  // A JPEG decodes straight to about the analysis size (libjpeg scales by n/8 inside the DCT, a proper
  // box filter): ~1.6 ms for a 1080 px feed picture against ~10 ms through ImageBitmap, canvas and readback.
  if (decoder === 'auto' && isJpeg(bytes)) {
    const frame = await scaledJpeg(bytes, size, target).catch(() => null);
    // A frame whose pixels cannot be copied goes the canvas way too.
    const raster = frame && await frameRaster(frame).catch(() => null);
    if (raster) return raster;
  }
  return canvasRaster(bytes, role, size, target);
}

/**
 * The WebCodecs half of a JPEG's decoding, for a thread that has ImageDecoder where the decode worker has not:
 * Chrome's model frame is a secure context, the workers it starts from blob: URLs are not (no ImageDecoder there,
 * so every picture took the canvas path: 35.1 ms median per 1080 px JPEG through the built frame, 6.5 ms this
 * way). The frame is handed to the worker (frameRaster). Null where WebCodecs cannot give a plain frame at about
 * the analysis size, or the picture is not a JPEG or is refused: the worker then decodes the bytes itself, and
 * refuses them with the reason.
 */
export async function scaledJpegFrame(bytes: Uint8Array, role: 'query' | 'gallery'): Promise<VideoFrame | null> {
  if (typeof ImageDecoder === 'undefined' || !isJpeg(bytes)) return null;
  try {
    const { size, target } = sizes(bytes, role);
    return await scaledJpeg(bytes, size, target);
  } catch {
    return null;
  }
}

/** WebCodecs' ImageDecoder, where the browser has it; null when it cannot give a plain upright frame. */
async function scaledJpeg(bytes: Uint8Array, size: Size, target: Size): Promise<VideoFrame | null> {
  if (typeof ImageDecoder === 'undefined') return null;
  // Chromium picks the largest n/8 that fits inside the desired size, so ask for the n/8 step at or above the
  // target: the raster then never falls below the analysis size.
  const n = Math.min(8, Math.ceil((8 * target.width) / size.width - 1e-9));
  const desired = { desiredWidth: Math.ceil((size.width * n) / 8), desiredHeight: Math.ceil((size.height * n) / 8) };
  const decoder = new ImageDecoder({ data: bytes, type: 'image/jpeg', ...desired });
  try {
    const { image } = await decoder.decode();
    // An EXIF-rotated frame would need turning; the canvas path does that (platforms strip EXIF anyway).
    const turned = (image as VideoFrame & { rotation?: number; flip?: boolean });
    const width = image.displayWidth, height = image.displayHeight;
    // n/8 scaling lands at or above the target; a decoder that ignored the request would leave the raster
    // far larger than the analysis wants, so that one goes through the canvas path instead.
    if (turned.rotation || turned.flip || width > target.width * 1.5 || height > target.height * 1.5 || width < target.width * 0.9) {
      image.close();
      return null;
    }
    return image;
  } finally {
    decoder.close();
  }
}

/** A decoded frame's pixels as the analysis raster (in a buffer an earlier picture gave back); the frame is closed. */
export async function frameRaster(frame: VideoFrame): Promise<Raster> {
  const width = frame.displayWidth, height = frame.displayHeight;
  const data = rasterBuffer(width * height * 4);
  try {
    await copyRgba(frame, data);
  } catch (err) {
    releaseRaster({ data, width, height, channels: 4 });
    throw err;
  } finally {
    frame.close();
  }
  return { data, width, height, channels: 4 };
}

/**
 * The frame's pixels as opaque RGBA. Chromium decodes a JPEG to BGRX, and asking copyTo to convert to RGBA
 * blocked the decode worker for ~15 ms a picture while the model ran on the offscreen document's thread
 * (measured there: 0.7 ms alone, 16 ms p50 at feed load). A plain copy and a swizzle here take ~0.5 ms.
 */
async function copyRgba(frame: VideoFrame, out: Uint8ClampedArray): Promise<void> {
  const format = frame.format;
  if (!format || !/^(BGR|RGB)[AX]$/.test(format) || frame.allocationSize() !== out.length) {
    await frame.copyTo(out, { format: 'RGBA', colorSpace: 'srgb' });
    return;
  }
  await frame.copyTo(out);
  const swap = format.startsWith('BGR');
  for (let i = 0; i < out.length; i += 4) {
    if (swap) {
      const b = out[i]!;
      out[i] = out[i + 2]!;
      out[i + 2] = b;
    }
    out[i + 3] = 255;
  }
}

async function canvasRaster(bytes: Uint8Array, role: 'query' | 'gallery', size: Size, target: Size): Promise<Raster> {
  // Ask the decoder for the analysis size directly. An EXIF-rotated JPEG (rare: platforms strip EXIF) comes
  // out with its aspect squeezed, which the signals tolerate (the squeeze transform scores 100 % recall).
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>]);
  const shrink = target.width < size.width || target.height < size.height;
  const bitmap = await createImageBitmap(blob, shrink
    ? { resizeWidth: target.width, resizeHeight: target.height, resizeQuality: 'medium' }
    : {}).catch(() => { throw new PictureError('unreadable', 'not a decodable image'); });
  // Frames the header did not describe (a format quirk the size reader missed) are not processed further.
  if (bitmap.width * bitmap.height > MAX_PIXELS) {
    bitmap.close();
    throw new PictureError('too-large', `${bitmap.width} × ${bitmap.height} px`);
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
  return { data, width: w, height: h, channels: 4 };
}

/**
 * The second stage's zooms (engine/zoom.ts): `boxes` of the posted picture read at full resolution, each resized
 * to its zoomSize. Decoded once for all boxes, upright (EXIF applied, as the analysis raster's canvas path does);
 * only pictures with a small screen or framed region get here, and only when the second stage runs for them.
 */
export async function zoomRasters(bytes: Uint8Array, boxes: Box[]): Promise<Raster[]> {
  if (!boxes.length) return [];
  const bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>]));
  try {
    const W = bitmap.width, H = bitmap.height;
    return boxes.map((box) => {
      const { width, height } = zoomSize(box, { width: W, height: H });
      const canvas = new OffscreenCanvas(width, height);
      const ctx = canvas.getContext('2d', { willReadFrequently: true });
      if (!ctx) throw new Error('no 2d context');
      ctx.imageSmoothingQuality = 'medium';
      ctx.drawImage(bitmap, box.x * W, box.y * H, box.w * W, box.h * H, 0, 0, width, height);
      return { data: ctx.getImageData(0, 0, width, height).data, width, height, channels: 4 as const };
    });
  } finally {
    bitmap.close();
  }
}
