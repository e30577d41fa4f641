// Pixel rasters and the crops the detector looks at. Pure, so the Node scanner and the extension's model host
// cut exactly the same regions and get the same vectors.
import { Slot } from './scratch';

export interface Raster {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
  /** 4 for RGBA (canvas ImageData), 3 for RGB (sharp raw output). */
  channels: 3 | 4;
}

/** A region in fractions of the image (0..1), so it means the same thing at any resolution. */
export interface Box { x: number; y: number; w: number; h: number }

export const FULL: Box = { x: 0, y: 0, w: 1, h: 1 };

interface Taps { start: Int32Array; count: Int32Array; weight: Float32Array; width: number }

/** Per output sample: the source samples it covers and their coverage weights (normalised to sum 1). */
function taps(from: number, length: number, size: number, outN: number, mirror: boolean): Taps {
  const scale = length / outN;
  const width = Math.ceil(Math.max(scale, 1)) + 1;
  const start = new Int32Array(outN);
  const count = new Int32Array(outN);
  const weight = new Float32Array(outN * width);
  for (let o = 0; o < outN; o++) {
    const f0 = from + (mirror ? outN - 1 - o : o) * scale;
    const lo = Math.max(0, Math.min(size - 1e-6, f0));
    const hi = Math.max(lo + 1e-6, Math.min(size, f0 + Math.max(scale, 1)));
    const a = Math.floor(lo);
    const b = Math.min(size - 1, Math.ceil(hi) - 1, a + width - 1);
    let sum = 0;
    for (let i = a; i <= b; i++) {
      const w = Math.min(hi, i + 1) - Math.max(lo, i);
      weight[o * width + i - a] = w;
      sum += w;
    }
    for (let i = a; i <= b; i++) weight[o * width + i - a]! /= sum || 1;
    start[o] = a;
    count[o] = b - a + 1;
  }
  return { start, count, weight, width };
}

/** The horizontal pass of resample, written in full before it is read: ~2 MB a feed picture (engine/scratch.ts). */
const RESAMPLE_ROWS = new Slot(Float32Array);
/** contentBox's and objectBoxes' luma (neither calls the other). */
const BOX_LUMA = new Slot(Float32Array);

/**
 * Area-averaging resample of `box` of `src` to an RGB raster of outW × outH, optionally mirrored or grey.
 * Area averaging (not point sampling) keeps downscaled crops free of aliasing that would differ between a
 * work and its resized repost. Separable (rows, then columns): ~4× cheaper than the 2-D footprint.
 */
export function resample(src: Raster, box: Box, outW: number, outH: number, mirror = false, gray = false, pass?: RowPass): Raster {
  const out = new Uint8Array(outW * outH * 3);
  resampleInto(src, box, outW, outH, mirror, gray ? 'gray' : 'rgb', out, undefined, pass);
  return { data: out, width: outW, height: outH, channels: 3 };
}

/**
 * The horizontal pass of a resample across the whole width of `src` to `outW` columns, over every row. A tall
 * screenshot's crops are mostly full-width windows down the page, each of which passed over its rows again with
 * the same taps to the same sums; resample reads them from here instead (the overview and those crops of one
 * picture: 18 % off a tall screenshot's prepareImage in Node). Held in a slot (engine/scratch.ts): one pass alive
 * at a time, for one picture.
 */
export interface RowPass { src: Raster; outW: number; rows: Float32Array }
const PASS_ROWS = new Slot(Float32Array);

export function rowPass(src: Raster, outW: number): RowPass {
  const rows = PASS_ROWS.take(src.height * outW * 3);
  horizontalPass(src, taps(0, src.width, src.width, outW, false), 0, src.height, rows);
  return { src, outW, rows };
}

/**
 * resample's passes writing into `out`: 'rgb' and 'gray' as resample returns them (3 bytes a pixel), 'luma' one
 * byte a pixel — the grey value of 'gray', from the same sums by the same expression, so the same bytes — and, with
 * 'luma', blue against yellow into `chroma` from the same sums (greyAndChroma).
 */
function resampleInto(src: Raster, box: Box, outW: number, outH: number, mirror: boolean, mode: 'rgb' | 'gray' | 'luma', out: Uint8Array, chroma?: Uint8Array, pass?: RowPass): void {
  const { width: W, height: H } = src;
  const ty = taps(box.y * H, box.h * H, H, outH, false);
  // The pass's taps are taps(0, W, W, outW, false): a box's are the same when it spans the width unmirrored.
  const shared = pass && pass.src === src && pass.outW === outW && box.x === 0 && box.w === 1 && !mirror;
  // `rows` holds the horizontal sums of source rows y0 onwards.
  let rows: Float32Array, y0: number;
  if (shared) {
    rows = pass.rows;
    y0 = 0;
  } else {
    y0 = ty.start[0]!;
    const y1 = ty.start[outH - 1]! + ty.count[outH - 1]!;
    rows = RESAMPLE_ROWS.take((y1 - y0) * outW * 3);
    horizontalPass(src, taps(box.x * W, box.w * W, W, outW, mirror), y0, y1, rows);
  }
  verticalPass(rows, y0, ty, outW, outH, mode, out, chroma);
}

/** resample's horizontal pass over source rows y0..y1 into `rows` (outW × 3 sums a row, from row y0). */
function horizontalPass(src: Raster, tx: Taps, y0: number, y1: number, rows: Float32Array): void {
  const { width: W } = src;
  const { data, C } = opaque(src);
  const outW = tx.start.length;
  const tStart = tx.start, tCount = tx.count, tWeight = tx.weight, tWidth = tx.width;
  for (let y = y0, o = 0; y < y1; y++) {
    const line = y * W;
    for (let ox = 0; ox < outW; ox++, o += 3) {
      const n = tCount[ox]!, wo = ox * tWidth;
      let p = (line + tStart[ox]!) * C;
      let s0 = 0, s1 = 0, s2 = 0;
      for (let i = 0; i < n; i++, p += C) {
        const w = tWeight[wo + i]!;
        s0 += w * data[p]!;
        s1 += w * data[p + 1]!;
        s2 += w * data[p + 2]!;
      }
      rows[o] = s0;
      rows[o + 1] = s1;
      rows[o + 2] = s2;
    }
  }
}

/** resample's vertical pass: `rows` from horizontalPass, its first row source row y0. */
function verticalPass(rows: Float32Array, y0: number, ty: Taps, outW: number, outH: number, mode: 'rgb' | 'gray' | 'luma', out: Uint8Array, chroma?: Uint8Array): void {
  const stride = outW * 3;
  // A number for the inner loop: 0 rgb, 1 gray, 2 luma.
  const kind = mode === 'rgb' ? 0 : mode === 'gray' ? 1 : 2;
  const step = kind === 2 ? 1 : 3;
  for (let oy = 0; oy < outH; oy++) {
    const base = (ty.start[oy]! - y0) * stride, n = ty.count[oy]!, wo = oy * ty.width;
    for (let ox = 0, o = oy * outW * step; ox < outW; ox++, o += step) {
      let s0 = 0, s1 = 0, s2 = 0;
      for (let i = 0, p = base + ox * 3; i < n; i++, p += stride) {
        const w = ty.weight[wo + i]!;
        s0 += w * rows[p]!;
        s1 += w * rows[p + 1]!;
        s2 += w * rows[p + 2]!;
      }
      if (kind === 0) {
        out[o] = s0 + 0.5;
        out[o + 1] = s1 + 0.5;
        out[o + 2] = s2 + 0.5;
      } else {
        const g = 0.299 * s0 + 0.587 * s1 + 0.114 * s2 + 0.5;
        out[o] = g;
        if (kind === 1) out[o + 1] = out[o + 2] = g;
        else if (chroma) chroma[o] = blueYellow(s0, s1, s2);
      }
    }
  }
}

/**
 * A grey plane (one byte a pixel) resampled as resample() resamples the same grey in three equal channels, as that
 * RGB raster: the same bytes for a third of the work (the second stage looks for screens in a post's grey plane,
 * zoom.ts screensOf, for every picture it checks).
 */
export function greyResample(src: Grey8, outW: number, outH: number): Raster {
  return { data: greyResampleInto(src, outW, outH, 3), width: outW, height: outH, channels: 3 };
}

/** greyResample's first channel alone, one byte a pixel: the same bytes, for a caller that reads only the grey (marks.ts). */
export function greyPlaneResample(src: Grey8, outW: number, outH: number): Uint8Array {
  return greyResampleInto(src, outW, outH, 1);
}

type Grey8 = { data: Uint8Array; width: number; height: number };

function greyResampleInto(src: Grey8, outW: number, outH: number, step: 1 | 3): Uint8Array {
  const { width: W, height: H, data } = src;
  const tx = taps(0, W, W, outW, false), ty = taps(0, H, H, outH, false);
  const y0 = ty.start[0]!, y1 = ty.start[outH - 1]! + ty.count[outH - 1]!;
  // Float32 between the passes, as resampleInto keeps them.
  const rows = RESAMPLE_ROWS.take((y1 - y0) * outW);
  for (let y = y0, o = 0; y < y1; y++) {
    const line = y * W;
    for (let ox = 0; ox < outW; ox++, o++) {
      const n = tx.count[ox]!, wo = ox * tx.width;
      let s = 0;
      for (let i = 0, p = line + tx.start[ox]!; i < n; i++, p++) s += tx.weight[wo + i]! * data[p]!;
      rows[o] = s;
    }
  }
  const out = new Uint8Array(outW * outH * step);
  for (let oy = 0; oy < outH; oy++) {
    const base = (ty.start[oy]! - y0) * outW, n = ty.count[oy]!, wo = oy * ty.width;
    for (let ox = 0, o = oy * outW * step; ox < outW; ox++, o += step) {
      let s = 0;
      for (let i = 0, p = base + ox; i < n; i++, p += outW) s += ty.weight[wo + i]! * rows[p]!;
      if (step === 1) out[o] = s + 0.5;
      else out[o] = out[o + 1] = out[o + 2] = s + 0.5;
    }
  }
  return out;
}

/**
 * The raster's colour samples with transparency already flattened on white, as platforms show it. Most
 * pictures are opaque and are read in place; the rare transparent one is flattened once (and remembered, since
 * every crop of it reads it again).
 */
const flattened = new WeakMap<Raster, { data: Uint8Array | Uint8ClampedArray; C: number }>();
function opaque(src: Raster): { data: Uint8Array | Uint8ClampedArray; C: number } {
  if (src.channels === 3) return { data: src.data, C: 3 };
  const known = flattened.get(src);
  if (known) return known;
  const d = src.data;
  let solid = true;
  for (let p = 3; p < d.length; p += 4) if (d[p] !== 255) { solid = false; break; }
  if (solid) {
    const same = { data: d, C: 4 };
    flattened.set(src, same);
    return same;
  }
  const out = new Uint8Array((d.length / 4) * 3);
  for (let p = 0, o = 0; p < d.length; p += 4, o += 3) {
    const a = d[p + 3]! / 255, white = 255 - d[p + 3]!;
    out[o] = d[p]! * a + white + 0.5;
    out[o + 1] = d[p + 1]! * a + white + 0.5;
    out[o + 2] = d[p + 2]! * a + white + 0.5;
  }
  const flat = { data: out, C: 3 };
  flattened.set(src, flat);
  return flat;
}

/**
 * The raster as grey bytes at outW × outH — exactly resample(src, FULL, outW, outH, false, true)'s first channel —
 * and beside them blue against yellow, one byte a pixel (128 where the two balance, as in any grey), from the same
 * pass: what tells a yellow shape on white from the white, which luma all but loses (a pale yellow is 230 against
 * white's 255) and a screen's glare then washes out altogether (the second stage's colour look at a photographed
 * screen, zoom.ts colourLook). At the raster's own size (most feed pictures: the analysis raster is already the
 * keypoints' size) the area average is the pixel itself, so both are taken straight from it — a fifth of the
 * keypoints' time in Node.
 */
export function greyAndChroma(src: Raster, outW: number, outH: number): { grey: Uint8Array; chroma: Uint8Array } {
  const grey = new Uint8Array(outW * outH), chroma = new Uint8Array(outW * outH);
  if (outW !== src.width || outH !== src.height) {
    resampleInto(src, FULL, outW, outH, false, 'luma', grey, chroma);
    return { grey, chroma };
  }
  const { data, C } = opaque(src);
  // The same expression as resample's, on the same whole numbers: the same bytes.
  for (let i = 0, p = 0; i < grey.length; i++, p += C) {
    grey[i] = 0.299 * data[p]! + 0.587 * data[p + 1]! + 0.114 * data[p + 2]! + 0.5;
    chroma[i] = blueYellow(data[p]!, data[p + 1]!, data[p + 2]!);
  }
  return { grey, chroma };
}

/** Blue less the mean of red and green, halved, about 128: 0 for pure yellow, 255 for pure blue (a byte drops the fraction). */
const blueYellow = (r: number, g: number, b: number) => Math.max(0, Math.min(255, 128 + (b - (r + g) / 2) / 2));

/** Rec.601 luma of an RGB raster, for the perceptual hash; `into`: for a luma that is not kept past the call. */
export function luma(src: Raster, into?: Slot<Float32Array>): Float32Array {
  const n = src.width * src.height;
  const out = into ? into.take(n) : new Float32Array(n);
  for (let i = 0, p = 0; i < n; i++, p += src.channels) {
    out[i] = 0.299 * src.data[p]! + 0.587 * src.data[p + 1]! + 0.114 * src.data[p + 2]!;
  }
  return out;
}

/**
 * The box inside near-uniform borders (letterboxing, frames, the bars of a phone screenshot that are plain).
 * Rows and columns whose luma spread is tiny are peeled from each side. Works on a small raster.
 */
export function contentBox(src: Raster, tolerance = 6): Box {
  const { width: W, height: H } = src;
  const y = luma(src, BOX_LUMA);
  // A border is one colour: each side's rows or columns must stay near that side's outermost line. Flat rows
  // alone are not enough — a smooth sky gradient has flat rows, and peeling it leaves a strip of horizon that
  // looks like any other wallpaper's horizon.
  const topRef = level(y, 0, 1, W), bottomRef = level(y, (H - 1) * W, 1, W);
  const leftRef = level(y, 0, W, H), rightRef = level(y, W - 1, W, H);
  let top = 0, bottom = H - 1, left = 0, right = W - 1;
  while (top < bottom && nearLevel(y, topRef, tolerance, top * W, 1, W)) top++;
  while (bottom > top && nearLevel(y, bottomRef, tolerance, bottom * W, 1, W)) bottom--;
  while (left < right && nearLevel(y, leftRef, tolerance, left, W, H)) left++;
  while (right > left && nearLevel(y, rightRef, tolerance, right, W, H)) right--;
  return { x: left / W, y: top / H, w: (right - left + 1) / W, h: (bottom - top + 1) / H };
}

/** The middle of a line's extent (its level when it is one colour). */
function level(v: Float32Array, start: number, step: number, count: number): number {
  const [lo, hi] = extent(v, start, step, count);
  return (lo + hi) / 2;
}

/** Whether a line is one colour (within `tolerance`) near the level `ref`. */
function nearLevel(v: Float32Array, ref: number, tolerance: number, start: number, step: number, count: number): boolean {
  const [lo, hi] = extent(v, start, step, count);
  return hi - lo <= tolerance && Math.abs((lo + hi) / 2 - ref) <= tolerance / 2;
}

/** Lowest and highest of `count` values of v from `start`, `step` apart (a row or a column of a plane). */
function extent(v: Float32Array, start: number, step: number, count: number): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0, p = start; i < count; i++, p += step) {
    const x = v[p]!;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  return [lo, hi];
}

function spread(v: Float32Array, start: number, step: number, count: number): number {
  const [lo, hi] = extent(v, start, step, count);
  return hi - lo;
}

/**
 * Horizontal bands that run edge to edge in a tall image: in a phone screenshot the post's picture spans the
 * full screen width, while the app's bars, text and comments keep a margin of page background at both edges.
 * Returns the bands at least `minHeight` (fraction of the width) tall, tallest first.
 */
export function fullWidthBands(src: Raster, minHeight = 0.25, tolerance = 24): Box[] {
  const { width: W, height: H, channels: C, data } = src;
  const edge = Math.max(1, Math.round(W * 0.03));
  const px = (x: number, y: number, k: number) => data[(y * W + x) * C + k]!;
  // The page background is what most rows show at their left edge.
  const bg = [0, 1, 2].map((k) => median(Array.from({ length: H }, (_, y) => px(0, y, k))));
  const differs = (x: number, y: number) =>
    Math.abs(px(x, y, 0) - bg[0]!) + Math.abs(px(x, y, 1) - bg[1]!) + Math.abs(px(x, y, 2) - bg[2]!) > tolerance;
  const inBand: boolean[] = [];
  for (let y = 0; y < H; y++) {
    let left = 0, right = 0;
    for (let x = 0; x < edge; x++) {
      if (differs(x, y)) left++;
      if (differs(W - 1 - x, y)) right++;
    }
    inBand.push(left * 2 >= edge && right * 2 >= edge);
  }
  const bands: Box[] = [];
  for (let y = 0; y < H;) {
    if (!inBand[y]) { y++; continue; }
    let end = y;
    while (end + 1 < H && inBand[end + 1]) end++;
    const h = end - y + 1;
    if (h >= minHeight * W) bands.push({ x: 0, y: y / H, w: 1, h: h / H });
    y = end + 1;
  }
  return bands.sort((a, b) => b.h - a.h);
}

/**
 * Boxes around the separate things drawn on a plain page: runs of rows that are not flat, each trimmed to its
 * non-flat columns. In a light-mode screenshot a picture with a white background (clip art, line art) has no
 * edge against the page, but the drawing itself stands apart from the header above and the text below, and its
 * box is what the same drawing trimmed of its own margins looks like (the gallery keeps that region too).
 * Returns boxes at least `minHeight` (fraction of the width) tall, largest first.
 */
export function objectBoxes(src: Raster, minHeight = 0.25, tolerance = 6): Box[] {
  const { width: W, height: H } = src;
  const y = luma(src, BOX_LUMA);
  // Lines of text sit ~1 % of the height apart; a drawing's own gaps are usually thinner than half that.
  const maxGap = Math.max(1, Math.round(H * 0.004));
  const busy = Array.from({ length: H }, (_, r) => spread(y, r * W, 1, W) > tolerance);
  const boxes: Box[] = [];
  for (let top = 0; top < H;) {
    if (!busy[top]) { top++; continue; }
    let end = top, quiet = 0;
    for (let r = top + 1; r < H && quiet <= maxGap; r++) {
      if (busy[r]) { end = r; quiet = 0; } else quiet++;
    }
    const rows = end - top + 1;
    if (rows >= minHeight * W) {
      const flatCol = (c: number) => columnSpread(y, W, c, top, end) <= tolerance;
      let left = 0, right = W - 1;
      while (left < right && flatCol(left)) left++;
      while (right > left && flatCol(right)) right--;
      boxes.push({ x: left / W, y: top / H, w: (right - left + 1) / W, h: rows / H });
    }
    top = end + 1;
  }
  return boxes.sort((a, b) => b.w * b.h - a.w * a.h);
}

function columnSpread(v: Float32Array, W: number, c: number, top: number, end: number): number {
  return spread(v, top * W + c, W, end - top + 1);
}

function median(v: number[]): number {
  const s = v.sort((a, b) => a - b);
  return s[s.length >> 1] ?? 0;
}
