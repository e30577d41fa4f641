// Stickers, emoji and speech bubbles pasted over a work: flat patches of one colour with a sharp, outlined edge.
// MobileNet reads a post a fifth covered with them as clipart — in bench:quality the nearest gallery works of such a
// post were cartoons, not the wallpaper under the stickers, so the second stage never got to verify the work. The
// post is therefore also embedded with its stickers painted over from their surroundings (prepare.ts): bench:quality
// (fast, 3 draws) stickers 88.9 → 96.6 %, no false match of 995 negatives. Pure; looks at the 224 × 224 whole-image
// crop the model gets anyway.
import { FULL, resample, type Raster } from './image';
import { Slot } from './scratch';

/**
 * Side of the square raster stickers are looked for on. At 112 px (a quarter of the work) the masks kept more of
 * the stickers' rims and small bubbles, and bench:quality stickers reached only 92.3 %.
 */
const DETECT_SIDE = 224;
/** Neighbouring pixels closer than this (max over channels) are flat: JPEG noise on a fill stays under it. */
const FLAT_STEP = 10;
/** A patch grows while its pixels stay this close (max over channels) to its first pixel: a gradient cannot chain. */
const PATCH_TOLERANCE = 20;
/** A sticker's flat fill covers this share of the picture: from a small emoji to a large bubble. */
const MIN_PATCH = 0.004;
const MAX_PATCH = 0.12;
/** Its area over its bounding box's: a heart, a star, a bubble; not a thin stroke or a band across the picture. */
const MIN_FILL = 0.25;
/**
 * A sticker is cut out and outlined: across most of its fill's edge (MIN_SHARP_EDGE; the picture's own edge not
 * counted) the colour jumps by EDGE_STEP within EDGE_REACH pixels (a resampled JPEG rings a little inside the
 * edge). A band of a smooth gradient or the soft shape of a wallpaper fades into what surrounds it instead.
 */
const MIN_SHARP_EDGE = 0.6;
const EDGE_STEP = 48;
const EDGE_REACH = 4;
/**
 * The fill is grown by this share of its radius plus RIM pixels: its flat part stops a pixel inside its edge, and
 * the outline (a die-cut sticker's white rim; bench:quality's generator draws about 8 % of the radius) with its
 * antialiased rim lies beyond. At 12 % + 1 px bright halos were left that still read as the stickers' shapes.
 */
const OUTLINE = 0.2;
const RIM = 2;
/**
 * Share of the rest of the picture that may be sharp-edged flat shapes too large or thin to be stickers (a clipart's
 * plain background, a poster's panels): beyond it the picture is a flat design whose own shapes pass for stickers,
 * and whose vector needs no help.
 */
const MAX_FLAT_DESIGN = 0.2;
/** Stickers cover this share of the picture at least (less hides too little to matter), and at most. */
const MIN_COVER = 0.03;
const MAX_COVER = 0.4;

// Per-pixel temporaries (engine/scratch.ts); the mask and the painted picture are returned, so they are not.
const FLAT = new Slot(Uint8Array), LABELS = new Slot(Int32Array), STACK = new Slot(Int32Array);
const REACHED = new Slot(Uint8Array), GROWN = new Slot(Uint8Array), GRAPHIC = new Slot(Uint8Array);
/** inpaint's finest level (the coarser ones are a third of it together). */
const BASE_RGB = new Slot(Float32Array), BASE_KNOWN = new Slot(Float32Array);

interface Patch { id: number; area: number; x0: number; y0: number; x1: number; y1: number; r: number; g: number; b: number }

type Bytes = Uint8Array | Uint8ClampedArray;

/** Two pixels whose channels differ by (dr, dg, db) differ by more than FLAT_STEP in some channel. */
function steep(dr: number, dg: number, db: number): boolean {
  return Math.abs(dr) > FLAT_STEP || Math.abs(dg) > FLAT_STEP || Math.abs(db) > FLAT_STEP;
}

/** Flat pixels: every 4-neighbour within FLAT_STEP of it (over channels). */
function flatMap(data: Bytes, W: number, H: number): Uint8Array {
  const flat = FLAT.take(W * H).fill(1);
  // Each step is looked at once, to the right and downwards: a steep one takes both its pixels off. The colour read
  // as a step's right pixel is the next one's left.
  for (let y = 0, i = 0; y < H; y++) {
    let r = data[i * 3]!, g = data[i * 3 + 1]!, b = data[i * 3 + 2]!;
    for (let x = 0; x < W; x++, i++) {
      const p = i * 3, q = p + W * 3;
      if (y < H - 1 && steep(r - data[q]!, g - data[q + 1]!, b - data[q + 2]!)) flat[i] = flat[i + W] = 0;
      if (x === W - 1) continue;
      const r1 = data[p + 3]!, g1 = data[p + 4]!, b1 = data[p + 5]!;
      if (steep(r - r1, g - g1, b - b1)) flat[i] = flat[i + 1] = 0;
      r = r1; g = g1; b = b1;
    }
  }
  return flat;
}

/** Pixel j may join the patch of colour (r0, g0, b0): flat, in no patch yet, within PATCH_TOLERANCE of it. */
function joins(data: Bytes, flat: Uint8Array, j: number, r0: number, g0: number, b0: number): boolean {
  if (!flat[j]) return false;
  const q = j * 3;
  return Math.abs(data[q]! - r0) <= PATCH_TOLERANCE && Math.abs(data[q + 1]! - g0) <= PATCH_TOLERANCE && Math.abs(data[q + 2]! - b0) <= PATCH_TOLERANCE;
}

/**
 * Connected flat patches of one colour (within PATCH_TOLERANCE of their first pixel) of at least MIN_PATCH;
 * `labels` gets every flat pixel's patch number (-1 elsewhere), patches numbered in the order of their first pixel
 * in the scan. `flat` is used up: a pixel is cleared there once it has a patch.
 *
 * Filled a run along a row at a time: a run's pixels are labelled when it is found, and the rows above and below
 * it are searched for more once it is taken off the stack. Which pixels join does not depend on the order (the
 * tolerance is against the first pixel) and the sums are of integers, so any fill gives the same patches.
 */
function flatPatches(data: Bytes, W: number, H: number, flat: Uint8Array, labels: Int32Array): Patch[] {
  labels.fill(-1);
  const out: Patch[] = [];
  // Runs to search around, as first and last pixel: a pixel is in one run, so at most W × H of them.
  const runs = STACK.take(2 * W * H);
  for (let s = 0, id = 0; s < W * H; s++) {
    if (!flat[s]) continue;
    const r0 = data[s * 3]!, g0 = data[s * 3 + 1]!, b0 = data[s * 3 + 2]!;
    let area = 0, x0 = W, y0 = H, x1 = 0, y1 = 0, sr = 0, sg = 0, sb = 0, top = 0;
    // The seed's run: nothing before it in the scan can join.
    let e = s;
    labels[s] = id;
    flat[s] = 0;
    for (const last = s - (s % W) + W - 1; e < last && joins(data, flat, e + 1, r0, g0, b0);) { e++; labels[e] = id; flat[e] = 0; }
    runs[top++] = s;
    runs[top++] = e;
    while (top > 0) {
      const b = runs[--top]!, a = runs[--top]!;
      const y = (a / W) | 0, row = y * W;
      area += b - a + 1;
      for (let j = a; j <= b; j++) { sr += data[j * 3]!; sg += data[j * 3 + 1]!; sb += data[j * 3 + 2]!; }
      if (a - row < x0) x0 = a - row;
      if (b - row > x1) x1 = b - row;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      // The runs touching this one in the rows above and below, each followed to its ends.
      for (let d = -W; d <= W; d += 2 * W) {
        const line = row + d;
        if (line < 0 || line >= W * H) continue;
        for (let j = a + d; j <= b + d; j++) {
          if (!joins(data, flat, j, r0, g0, b0)) continue;
          let c = j;
          labels[j] = id;
          flat[j] = 0;
          while (c > line && joins(data, flat, c - 1, r0, g0, b0)) { c--; labels[c] = id; flat[c] = 0; }
          while (j < line + W - 1 && joins(data, flat, j + 1, r0, g0, b0)) { j++; labels[j] = id; flat[j] = 0; }
          runs[top++] = c;
          runs[top++] = j;
        }
      }
    }
    if (area >= MIN_PATCH * W * H) out.push({ id, area, x0, y0, x1, y1, r: sr / area, g: sg / area, b: sb / area });
    id++;
  }
  return out;
}

/**
 * 1 when, walking from (x, y) by (sx, sy) away from patch p, the colour leaves p's mean by EDGE_STEP (in some
 * channel) within EDGE_REACH pixels and before the picture's edge.
 */
function jumps(data: Bytes, W: number, H: number, p: Patch, x: number, y: number, sx: number, sy: number): number {
  for (let d = 0; d < EDGE_REACH; d++, x += sx, y += sy) {
    if (x < 0 || x >= W || y < 0 || y >= H) return 0;
    const q = (y * W + x) * 3;
    if (Math.abs(data[q]! - p.r) >= EDGE_STEP || Math.abs(data[q + 1]! - p.g) >= EDGE_STEP || Math.abs(data[q + 2]! - p.b) >= EDGE_STEP) return 1;
  }
  return 0;
}

/** Each patch's share of sharp edge (see MIN_SHARP_EDGE), by index in `patches`; each read within its own box. */
function sharpEdges(data: Bytes, W: number, H: number, labels: Int32Array, patches: Patch[]): Float64Array {
  const out = new Float64Array(patches.length);
  for (let k = 0; k < patches.length; k++) out[k] = sharpShare(data, W, H, labels, patches[k]!);
  return out;
}

/**
 * One patch's share of sharp edge. A module function, not a callback made per call: that callback's hot loop was
 * optimised again and again, a third of the decode workers' compiling in bench:perf's end-to-end scan (see layout.ts
 * lineSpread).
 */
function sharpShare(data: Bytes, W: number, H: number, labels: Int32Array, p: Patch): number {
  const id = p.id;
  let edge = 0, sharp = 0;
  for (let y = p.y0; y <= p.y1; y++) {
    for (let x = p.x0, i = y * W + x; x <= p.x1; x++, i++) {
      if (labels[i] !== id) continue;
      // Each 4-neighbour inside the picture and outside the patch is a piece of its edge.
      if (x < W - 1 && labels[i + 1] !== id) { edge++; sharp += jumps(data, W, H, p, x + 1, y, 1, 0); }
      if (x > 0 && labels[i - 1] !== id) { edge++; sharp += jumps(data, W, H, p, x - 1, y, -1, 0); }
      if (y < H - 1 && labels[i + W] !== id) { edge++; sharp += jumps(data, W, H, p, x, y + 1, 0, 1); }
      if (y > 0 && labels[i - W] !== id) { edge++; sharp += jumps(data, W, H, p, x, y - 1, 0, -1); }
    }
  }
  return edge ? sharp / edge : 0;
}

/** The patch grown by `radius` pixels (a square neighbourhood) into `mask`. */
function grow(labels: Int32Array, W: number, H: number, p: Patch, radius: number, mask: Uint8Array): void {
  const x0 = Math.max(0, p.x0 - radius), x1 = Math.min(W - 1, p.x1 + radius), y0 = Math.max(0, p.y0 - radius), y1 = Math.min(H - 1, p.y1 + radius);
  const bw = x1 - x0 + 1, bh = y1 - y0 + 1;
  // Separable: along rows, then along columns. A pixel is reached when the last patch pixel at or before
  // `radius` past it lies at most `radius` before it: one sweep a line, however large the radius.
  const rows = GROWN.take(bw * bh);
  for (let y = 0; y < bh; y++) {
    const line = (y + y0) * W + x0;
    for (let x = 0, last = -2 * radius - 1; x < bw + radius; x++) {
      if (x < bw && labels[line + x] === p.id) last = x;
      if (x >= radius) rows[y * bw + x - radius] = x - last <= 2 * radius ? 1 : 0;
    }
  }
  for (let x = 0; x < bw; x++) {
    for (let y = 0, last = -2 * radius - 1; y < bh + radius; y++) {
      if (y < bh && rows[y * bw + x]) last = y;
      if (y >= radius && y - last <= 2 * radius) mask[(y - radius + y0) * W + x + x0] = 1;
    }
  }
}

/** Pixels no path of unmasked pixels links to the picture's edge (a bubble's words, an emoji's eyes) join the mask. */
export function fillHoles(mask: Uint8Array, W: number, H: number): void {
  const reached = REACHED.zeroed(W * H);
  // A run along a row at a time: a popped pixel takes the run of open pixels through it, and pushes the first pixel
  // of each run of them above and below it. A pixel is marked reached when pushed, so it is pushed at most once.
  const stack = STACK.take(W * H);
  let top = 0;
  const seed = (i: number) => {
    if (mask[i] || reached[i]) return;
    reached[i] = 1;
    stack[top++] = i;
  };
  for (let x = 0; x < W; x++) { seed(x); seed((H - 1) * W + x); }
  for (let y = 0; y < H; y++) { seed(y * W); seed(y * W + W - 1); }
  while (top > 0) {
    const i = stack[--top]!, row = i - (i % W);
    let a = i, b = i;
    while (a > row && !mask[a - 1] && !reached[a - 1]) reached[--a] = 1;
    while (b < row + W - 1 && !mask[b + 1] && !reached[b + 1]) reached[++b] = 1;
    for (let d = -W; d <= W; d += 2 * W) {
      if (row + d < 0 || row + d >= W * H) continue;
      for (let j = a + d, run = false; j <= b + d; j++) {
        const next = !mask[j] && !reached[j];
        if (next && !run) { reached[j] = 1; stack[top++] = j; }
        run = next;
      }
    }
  }
  for (let i = 0; i < W * H; i++) if (!reached[i]) mask[i] = 1;
}

/** The mask found on the small square scaled to the picture's size (nearest pixel). */
function scaleMask(small: Uint8Array, S: number, W: number, H: number): Uint8Array {
  const out = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    const sy = Math.min(S - 1, Math.floor(((y + 0.5) * S) / H));
    for (let x = 0; x < W; x++) out[y * W + x] = small[sy * S + Math.min(S - 1, Math.floor(((x + 0.5) * S) / W))]!;
  }
  return out;
}

/**
 * Where stickers cover the picture (1 = sticker, one byte per pixel of `r`), or null when it shows none, too many
 * to be stickers, or is a flat design itself (MAX_FLAT_DESIGN).
 */
export function stickerMask(r: Raster): Uint8Array | null {
  const S = DETECT_SIDE, n = S * S;
  const { data } = r.width === S && r.height === S && r.channels === 3 ? r : resample(r, FULL, S, S);
  const flat = flatMap(data, S, S);
  // A photo has few flat pixels: stickers covering MIN_COVER would bring half that many in their fills alone.
  let flats = 0;
  for (let i = 0; i < n; i++) flats += flat[i]!;
  if (flats < (MIN_COVER / 2) * n) return null;
  const labels = LABELS.take(n);
  const patches = flatPatches(data, S, S, flat, labels);
  // A patch of a sticker's size and shape, with a sharp edge, is needed before anything else counts: the edges of
  // the rest (the flat design's shapes) are measured only then. Most feed pictures stop at one of the two steps.
  const candidates: Patch[] = [], others: Patch[] = [];
  for (const p of patches) {
    const shaped = p.area <= MAX_PATCH * n && p.area / ((p.x1 - p.x0 + 1) * (p.y1 - p.y0 + 1)) >= MIN_FILL;
    (shaped ? candidates : others).push(p);
  }
  const sharpOnes = (list: Patch[]) => {
    const sharp = sharpEdges(data, S, S, labels, list);
    return list.filter((_, k) => sharp[k]! >= MIN_SHARP_EDGE);
  };
  const stickerPatches = sharpOnes(candidates);
  if (!stickerPatches.length) return null;
  const mask = new Uint8Array(n);
  for (const p of stickerPatches) grow(labels, S, S, p, Math.round(OUTLINE * Math.sqrt(p.area / Math.PI)) + RIM, mask);
  fillHoles(mask, S, S);
  let covered = 0;
  for (let i = 0; i < n; i++) covered += mask[i]!;
  if (covered < MIN_COVER * n || covered > MAX_COVER * n) return null;
  // Only now the rest's edges: a mask of the wrong size needs no flat design to be refused. graphic[label + 1]:
  // a sharp-edged flat shape's pixel (labels are -1 off the patches).
  const graphic = GRAPHIC.zeroed(n + 1);
  for (const p of sharpOnes(others)) graphic[p.id + 1] = 1;
  let flatDesign = 0;
  for (let i = 0; i < n; i++) if (!mask[i]) flatDesign += graphic[labels[i]! + 1]!;
  if (flatDesign > MAX_FLAT_DESIGN * (n - covered)) return null;
  return r.width === S && r.height === S ? mask : scaleMask(mask, S, r.width, r.height);
}

/** One level of inpaint's pyramid: colour, and how much of it is known (0 under the mask, 1 where seen). */
interface Level { w: number; h: number; rgb: Float32Array; a: Float32Array }

/** Level f halved: each pixel the mean of the known colours of its (up to) 2 × 2 block; known at most 1. */
function halve(f: Level): Level {
  const { w: fw, h: fh, rgb: frgb, a: fa } = f;
  const w = Math.ceil(fw / 2), h = Math.ceil(fh / 2);
  const rgb = new Float32Array(w * h * 3), a = new Float32Array(w * h);
  for (let y = 0; y < fh; y++) {
    for (let x = 0, i = y * fw; x < fw; x++, i++) {
      const o = (y >> 1) * w + (x >> 1), k = fa[i]!;
      a[o]! += k;
      rgb[o * 3]! += k * frgb[i * 3]!;
      rgb[o * 3 + 1]! += k * frgb[i * 3 + 1]!;
      rgb[o * 3 + 2]! += k * frgb[i * 3 + 2]!;
    }
  }
  for (let o = 0; o < w * h; o++) {
    const k = a[o]!;
    if (k > 0) {
      rgb[o * 3]! /= k;
      rgb[o * 3 + 1]! /= k;
      rgb[o * 3 + 2]! /= k;
    }
    a[o] = Math.min(1, k);
  }
  return { w, h, rgb, a };
}

/** What level f does not know, read bilinearly from the coarser level g; f is then known everywhere. */
function pull(f: Level, g: Level): void {
  const { w: fw, h: fh, rgb: frgb, a: fa } = f;
  const { w: gw, h: gh, rgb: grgb } = g;
  for (let y = 0; y < fh; y++) {
    const gy = Math.min(gh - 1, Math.max(0, (y + 0.5) / 2 - 0.5)), y0 = Math.floor(gy), y1 = Math.min(gh - 1, y0 + 1), dy = gy - y0;
    for (let x = 0, i = y * fw; x < fw; x++, i++) {
      const a = fa[i]!;
      if (a >= 1) continue;
      const gx = Math.min(gw - 1, Math.max(0, (x + 0.5) / 2 - 0.5)), x0 = Math.floor(gx), x1 = Math.min(gw - 1, x0 + 1), dx = gx - x0;
      const p00 = (y0 * gw + x0) * 3, p01 = (y0 * gw + x1) * 3, p10 = (y1 * gw + x0) * 3, p11 = (y1 * gw + x1) * 3;
      for (let c = 0; c < 3; c++) {
        const g00 = grgb[p00 + c]!, g01 = grgb[p01 + c]!, g10 = grgb[p10 + c]!, g11 = grgb[p11 + c]!;
        const up = (g00 * (1 - dx) + g01 * dx) * (1 - dy) + (g10 * (1 - dx) + g11 * dx) * dy;
        frgb[i * 3 + c] = a * frgb[i * 3 + c]! + (1 - a) * up;
      }
      fa[i] = 1;
    }
  }
}

/**
 * `r` with the masked pixels painted over from their surroundings (push–pull: averages of the known pixels over
 * ever coarser grids, carried back down into the holes): a smooth fill in the colours around each sticker.
 */
export function inpaint(r: Raster, mask: Uint8Array): Raster {
  const { width: W, height: H, data, channels: C } = r;
  const base: Level = { w: W, h: H, rgb: BASE_RGB.take(W * H * 3), a: BASE_KNOWN.take(W * H) };
  for (let i = 0, p = 0; i < W * H; i++, p += C) {
    base.a[i] = mask[i] ? 0 : 1;
    base.rgb[i * 3] = data[p]!;
    base.rgb[i * 3 + 1] = data[p + 1]!;
    base.rgb[i * 3 + 2] = data[p + 2]!;
  }
  // Push: halve until one pixel, averaging the known colours.
  const levels: Level[] = [base];
  for (let f = base; f.w > 1 || f.h > 1;) levels.push((f = halve(f)));
  // Pull: from the coarsest level down, what a level does not know is read from the one above.
  for (let l = levels.length - 2; l >= 0; l--) pull(levels[l]!, levels[l + 1]!);
  // Outside the mask the colour was known and pull left it as it was: copied. Under it, rounded half up as
  // Math.round does, which V8 runs several times slower: a float32 in [0, 255] plus a half is exact in a double
  // (below 2^-30 it still stays under 1), so its floor is the same integer.
  const out = new Uint8Array(W * H * 3);
  for (let i = 0, p = 0; i < W * H; i++, p += C) {
    if (!mask[i]) { out[i * 3] = data[p]!; out[i * 3 + 1] = data[p + 1]!; out[i * 3 + 2] = data[p + 2]!; continue; }
    for (let c = 0; c < 3; c++) out[i * 3 + c] = Math.floor(Math.min(255, Math.max(0, base.rgb[i * 3 + c]!)) + 0.5);
  }
  return { data: out, width: W, height: H, channels: 3 };
}
