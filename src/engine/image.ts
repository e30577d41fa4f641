// Pixel rasters and the crops the detector looks at. Pure, so the Node scanner and the extension's model host
// cut exactly the same regions and get the same vectors.

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

/**
 * Area-averaging resample of `box` of `src` to an RGB raster of outW × outH, optionally mirrored. Area
 * averaging (not point sampling) keeps downscaled crops free of aliasing that would differ between a work and
 * its resized repost.
 */
export function resample(src: Raster, box: Box, outW: number, outH: number, mirror = false, gray = false): Raster {
  const { width: W, height: H, channels: C, data } = src;
  const x0 = box.x * W, y0 = box.y * H;
  const sx = (box.w * W) / outW, sy = (box.h * H) / outH;
  const out = new Uint8Array(outW * outH * 3);
  // Precompute per-output-column source spans and weights once.
  const cols: { a: number; b: number; wa: number; wb: number }[] = [];
  for (let ox = 0; ox < outW; ox++) {
    const fx0 = x0 + (mirror ? outW - 1 - ox : ox) * sx;
    cols.push(span(fx0, fx0 + Math.max(sx, 1), W));
  }
  for (let oy = 0; oy < outH; oy++) {
    const fy0 = y0 + oy * sy;
    const r = span(fy0, fy0 + Math.max(sy, 1), H);
    for (let ox = 0; ox < outW; ox++) {
      const c = cols[ox]!;
      let s0 = 0, s1 = 0, s2 = 0, wsum = 0;
      for (let y = r.a; y <= r.b; y++) {
        const wy = y === r.a ? r.wa : y === r.b ? r.wb : 1;
        if (wy <= 0) continue;
        let p = (y * W + c.a) * C;
        for (let x = c.a; x <= c.b; x++, p += C) {
          const w = wy * (x === c.a ? c.wa : x === c.b ? c.wb : 1);
          if (w <= 0) continue;
          // Transparent pixels read as white, as the platforms flatten them.
          const alpha = C === 4 ? data[p + 3]! / 255 : 1;
          const white = 255 * (1 - alpha);
          s0 += w * (data[p]! * alpha + white);
          s1 += w * (data[p + 1]! * alpha + white);
          s2 += w * (data[p + 2]! * alpha + white);
          wsum += w;
        }
      }
      const o = (oy * outW + ox) * 3;
      const inv = wsum > 0 ? 1 / wsum : 0;
      if (gray) {
        const y = (0.299 * s0 + 0.587 * s1 + 0.114 * s2) * inv + 0.5;
        out[o] = out[o + 1] = out[o + 2] = y;
      } else {
        out[o] = s0 * inv + 0.5;
        out[o + 1] = s1 * inv + 0.5;
        out[o + 2] = s2 * inv + 0.5;
      }
    }
  }
  return { data: out, width: outW, height: outH, channels: 3 };
}

function span(f0: number, f1: number, n: number): { a: number; b: number; wa: number; wb: number } {
  const lo = Math.max(0, Math.min(n - 1e-6, f0));
  const hi = Math.max(lo + 1e-6, Math.min(n, f1));
  const a = Math.floor(lo), b = Math.min(n - 1, Math.ceil(hi) - 1);
  if (a === b) return { a, b, wa: hi - lo, wb: hi - lo };
  return { a, b, wa: a + 1 - lo, wb: hi - b };
}

/** Rec.601 luma of an RGB raster, for the perceptual hash. */
export function luma(src: Raster): Float32Array {
  const n = src.width * src.height;
  const out = new Float32Array(n);
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
  const y = luma(src);
  const flatRow = (r: number) => spread(y, r * W, 1, W) <= tolerance;
  const flatCol = (c: number) => spread(y, c, W, H) <= tolerance;
  let top = 0, bottom = H - 1, left = 0, right = W - 1;
  while (top < bottom && flatRow(top)) top++;
  while (bottom > top && flatRow(bottom)) bottom--;
  while (left < right && flatCol(left)) left++;
  while (right > left && flatCol(right)) right--;
  return { x: left / W, y: top / H, w: (right - left + 1) / W, h: (bottom - top + 1) / H };
}

function spread(v: Float32Array, start: number, step: number, count: number): number {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0, p = start; i < count; i++, p += step) {
    const x = v[p]!;
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
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

function median(v: number[]): number {
  const s = v.sort((a, b) => a - b);
  return s[s.length >> 1] ?? 0;
}
