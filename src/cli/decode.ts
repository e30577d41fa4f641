// Node-side decoding for the CLI and benchmarks: any image file → the analysis raster, as in the extension.
import sharp from 'sharp';
import { analysisScale } from '../engine/prepare';
import { QUERY_KEYPOINTS, keypointPlane, keypoints, keypointsOf, mergeKeypoints, type Keypoints } from '../engine/keypoints';
import { worthFullLook } from '../engine/second-stage';
import { tileZoom, withTile, zoomBoxes, zoomSize, type Zoom } from '../engine/zoom';
import type { Region } from '../engine/regions';
import type { Box, Raster } from '../engine/image';

/** Inputs above this many pixels are refused rather than decoded (a decompression bomb guard). */
const MAX_PIXELS = 100_000_000;

/** Decodes to the analysis raster (see analysisScale): crops and hashes are cut from this, as in the extension. */
export async function decodeRaster(input: Buffer | string, role: 'query' | 'gallery'): Promise<Raster> {
  const image = sharp(input, { limitInputPixels: MAX_PIXELS }).rotate();
  const meta = await image.metadata();
  // EXIF orientations 5–8 swap the sides; the scale only depends on the long and short side, so that is fine.
  if (!meta.width || !meta.height) throw new Error('not a decodable image');
  const k = analysisScale(meta.width, meta.height, role);
  const { data, info } = await image
    .flatten({ background: '#ffffff' })
    .resize(Math.max(1, Math.round(meta.width * k)), Math.max(1, Math.round(meta.height * k)), { fit: 'inside', withoutEnlargement: true, kernel: 'linear' })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: 3 };
}

/** The posted picture's upright size (EXIF orientations 5–8 swap the sides), for the second stage's zooms. */
export async function sourceSize(input: Buffer | string): Promise<{ width: number; height: number }> {
  const meta = await sharp(input, { limitInputPixels: MAX_PIXELS }).metadata();
  if (!meta.width || !meta.height) throw new Error('not a decodable image');
  return (meta.orientation ?? 1) >= 5 ? { width: meta.height, height: meta.width } : { width: meta.width, height: meta.height };
}

/** `box` (fractions) of the picture at full resolution, resized to `size` (engine/zoom.ts zoomSize): a zoom. */
export async function decodeBox(input: Buffer | string, box: Box, size: { width: number; height: number }): Promise<Raster> {
  const { width: W, height: H } = await sourceSize(input);
  const left = Math.max(0, Math.min(W - 1, Math.round(box.x * W))), top = Math.max(0, Math.min(H - 1, Math.round(box.y * H)));
  const width = Math.max(1, Math.min(W - left, Math.round(box.w * W))), height = Math.max(1, Math.min(H - top, Math.round(box.h * H)));
  const { data, info } = await sharp(input, { limitInputPixels: MAX_PIXELS }).rotate()
    .flatten({ background: '#ffffff' })
    .extract({ left, top, width, height })
    .resize(size.width, size.height, { fit: 'fill', kernel: 'linear' })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: 3 };
}

/**
 * A feed picture's side of the second stage, as the extension's decode worker makes it: keypoints of its analysis
 * raster (decodeRaster, already made for its signals), and of the zooms (engine/zoom.ts) — small screen and framed
 * regions re-read from the full-size bytes, where the analysis raster has too few pixels for them. Its coarse levels
 * first: only those (`full` false) when they show too little of any shortlisted work to be worth the rest
 * (engine/second-stage.ts); they still carry the grey picture the post is laid over a work with (zoom.ts inPlace).
 */
export async function postKeypoints(input: Buffer | string, raster: Raster, regions: Region[], works: Keypoints[], { tile, full }: { tile?: number; full?: boolean } = {}): Promise<{ keypoints: Keypoints; zooms: Zoom[]; full: boolean }> {
  const source = await sourceSize(input);
  // `tile`: the collage tile the fast signals matched (second-stage.ts matchedTile), read closer too; `full`: the
  // full look whatever the coarse levels show (a mirror look, second-stage.ts mirrorLook).
  const boxes = withTile(zoomBoxes(regions, raster, source), tileZoom(regions, tile, raster, source));
  const plane = keypointPlane(raster, QUERY_KEYPOINTS);
  const coarse = keypointsOf(plane, QUERY_KEYPOINTS, 1);
  if (!worthFullLook(coarse, works, boxes.length > 0 || full === true)) return { keypoints: coarse, zooms: [], full: false };
  const zooms = await Promise.all(boxes.map(async (box) => ({ box, keypoints: keypoints(await decodeBox(input, box, zoomSize(box, source)), QUERY_KEYPOINTS) })));
  return { keypoints: mergeKeypoints(keypointsOf(plane, QUERY_KEYPOINTS, 0, 1), coarse), zooms, full: true };
}

/**
 * Full-size RGBA of a PNG with an alpha channel, for stealth pnginfo (hidden in the alpha's low bits, so the
 * analysis raster — resized, flattened — cannot carry it); null for anything else, which cannot hold it.
 */
export async function alphaPixels(input: Buffer): Promise<{ data: Uint8Array; width: number; height: number; channels: number } | null> {
  const image = sharp(input, { limitInputPixels: MAX_PIXELS });
  const meta = await image.metadata();
  if (meta.format !== 'png' || !meta.hasAlpha) return null;
  const { data, info } = await image.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: info.channels };
}
