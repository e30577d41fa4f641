// Everything about one image that needs no model: the regions to embed, cut and resampled to the model's input,
// and the perceptual hash. Pure, so the model host can run it in a worker beside the model and Node can run it
// in the CLI — the same crops everywhere.
import { dihedralHashes, perceptualHash } from './hash';
import { FULL, luma, resample, rowPass, type Raster } from './image';
import { warpQuad, type Quad } from './geometry';
import { galleryRegions, queryRegions, type Region } from './regions';
import { screenQuads } from './layout';
import { screenView, workThumb, type ScreenView, type WorkThumb } from './screen-shortlist';
import { inpaint, stickerMask } from './stickers';
import { Slot } from './scratch';

/** The whole crop's luma, read only by the hash (engine/scratch.ts). */
const HASH_LUMA = new Slot(Float32Array);

/** The model's input side. */
export const MODEL_INPUT = 224;
/** Long side a gallery work keeps at least: its crops still have ≥ 224 px at 60 % area. */
export const ANALYSIS_SIDE = 512;
/**
 * Every image is analysed with this short side (long side ≤ ANALYSIS_MAX_SIDE). A tall phone screenshot at a
 * 512 px long side left the post's picture ~236 × 130 px, upsampled and blurred before embedding; this lifted
 * screenshot-frame recall in bench:quality. A feed image needs no more: it is embedded whole and by its content
 * box or bands, so a square one is analysed at 360 px rather than 512 (half the pixels to decode and resample),
 * with the same bench:quality figures.
 */
export const ANALYSIS_MIN_SHORT = 360;
export const ANALYSIS_MAX_SIDE = 1024;

/** Scale factor (≤ 1) from an image's size to the raster it is analysed at. */
export function analysisScale(width: number, height: number, role: 'query' | 'gallery' = 'gallery'): number {
  const long = Math.max(width, height), short = Math.min(width, height);
  const scale = Math.min(ANALYSIS_MIN_SHORT / short, ANALYSIS_MAX_SIDE / long);
  return Math.min(1, role === 'gallery' ? Math.max(ANALYSIS_SIDE / long, scale) : scale);
}

export interface PreparedImage {
  regions: Region[];
  /** One 224×224 RGB raster per region; [0] is the whole image. */
  crops: Raster[];
  /** 8 dihedral variants for a query; one hash for a gallery work. */
  hashes: Uint32Array[];
  hashQuality: number;
  /**
   * Indices of the crops that are plain (isPlain): their vectors are left out of every comparison (ml/signals.ts).
   * A gallery work's whole (crop 0) is never one: it is the work, however plain.
   */
  plain: number[];
  /** A feed picture's grey overview with the photographed screens the finders saw in it; absent when none. */
  screen?: ScreenView;
  /**
   * The picture's coarse grey grid: a gallery work's is compared with screens in posts and with posts of its
   * proportions, a post's with works of its proportions (screen-shortlist.ts frameCandidates).
   */
  thumb?: WorkThumb;
}

/**
 * A crop whose every channel spans at most this many levels over all but its extreme 1 % of pixels each way. One
 * colour, with a JPEG's ripple or a soft vignette, is no evidence of a work: MobileNet reads any plain crop as much
 * like any other, so a plain slate tile of an independently made collage (2026-12-05) was named a cropped copy of a
 * gallery wallpaper that is teal almost edge to edge (0.61), and so were 7 of 40 plain pictures made to check (one
 * colour with noise, a gradient or a vignette of up to 13 levels; the crops that matched spanned 0–10 levels). No
 * gallery work's whole is that plain — the plainest of that set, a dark wallpaper with faint shapes, spans 18
 * levels at the model's size, corpus/art's plainest 40 — and a crop of a work that plain says as little as the post.
 */
export const PLAIN_SPAN = 12;
/** Pixels read to judge a crop: every PLAIN_STEP-th of each row and column (a 224 crop: 3,136). */
const PLAIN_STEP = 4;
const PLAIN_HIST = new Slot(Uint32Array);

/** Whether a 3-channel crop is plain: each channel within PLAIN_SPAN levels over all but its extreme 1 % each way. */
export function isPlain(crop: Raster): boolean {
  const { data, width, height, channels: C } = crop;
  const hist = PLAIN_HIST.take(256 * 3).fill(0);
  let n = 0;
  for (let y = PLAIN_STEP >> 1; y < height; y += PLAIN_STEP) {
    for (let x = PLAIN_STEP >> 1, p = (y * width + x) * C; x < width; x += PLAIN_STEP, p += PLAIN_STEP * C) {
      hist[data[p]!]!++;
      hist[256 + data[p + 1]!]!++;
      hist[512 + data[p + 2]!]!++;
      n++;
    }
  }
  const tail = Math.floor(n * 0.01);
  for (let c = 0; c < 3; c++) {
    let lo = 0, hi = 255;
    for (let seen = 0; (seen += hist[c * 256 + lo]!) <= tail;) lo++;
    for (let seen = 0; (seen += hist[c * 256 + hi]!) <= tail;) hi--;
    if (hi - lo > PLAIN_SPAN) return false;
  }
  return true;
}

export function prepareImage(image: Raster, role: 'query' | 'gallery'): PreparedImage {
  // The whole, every crop across the full width and the regions' copies at its width read one horizontal pass
  // (image.ts rowPass).
  const pass = rowPass(image, MODEL_INPUT);
  const whole = resample(image, FULL, MODEL_INPUT, MODEL_INPUT, false, false, pass);
  const regions = role === 'gallery' ? galleryRegions(image) : queryRegions(image, whole, pass);
  const crops = regions.map((r, i) => {
    if (i === 0) return whole;
    if (r.quad) return warpQuad(image, r.quad.map((p) => ({ x: p.x * image.width, y: p.y * image.height })) as Quad, MODEL_INPUT, MODEL_INPUT);
    return resample(image, r.box, MODEL_INPUT, MODEL_INPUT, r.mirror, r.gray, pass);
  });
  // A post under stickers is also seen with them painted over (stickers.ts): read whole, it looks like clipart.
  const stickers = role === 'query' ? stickerMask(whole) : null;
  if (stickers) {
    regions.push({ box: FULL, mirror: false, kind: 'stickers' });
    crops.push(inpaint(whole, stickers));
  }
  // The hash reads the whole-image crop the model gets anyway: one resample fewer per image.
  const y = luma(whole, HASH_LUMA);
  const hashes = role === 'query' ? dihedralHashes(y, MODEL_INPUT, MODEL_INPUT) : [perceptualHash(y, MODEL_INPUT, MODEL_INPUT)];
  const plain = crops.flatMap((c, i) => ((i > 0 || role === 'query') && isPlain(c) ? [i] : []));
  const prepared: PreparedImage = { regions, crops, hashes: hashes.map((h) => h.bits), hashQuality: hashes[0]!.quality, plain };
  // A work's grid is laid over screens in posts and over posts edge to edge; a post's, over works of its proportions.
  prepared.thumb = workThumb({ data: y, width: MODEL_INPUT, height: MODEL_INPUT }, image);
  if (role === 'query') {
    // Every finder's screens (the regions' two were found on this overview already and are not looked for again).
    const screen = screenView({ data: y, width: MODEL_INPUT, height: MODEL_INPUT }, screenQuads(whole), image);
    if (screen) prepared.screen = screen;
  }
  return prepared;
}

/**
 * A feed picture's regions alone, numbered as prepareImage numbers them (its sticker view comes after them all):
 * for the second stage, which names a region by its index, when the picture had to be decoded again.
 */
export function queryRegionsOf(image: Raster): Region[] {
  return queryRegions(image, resample(image, FULL, MODEL_INPUT, MODEL_INPUT));
}
