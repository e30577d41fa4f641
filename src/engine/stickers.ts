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

// Per-pixel temporaries (engine/scratch.ts); the mask itself is returned, so it is not one of them.
const STEEP = new Slot(Uint8Array), FLAT = new Slot(Uint8Array), LABELS = new Slot(Int32Array);
const STACK = new Slot(Int32Array), REACHED = new Slot(Uint8Array);

interface Patch { id: number; area: number; x0: number; y0: number; x1: number; y1: number; r: number; g: number; b: number }

/** Flat pixels: every 4-neighbour within FLAT_STEP of it (over channels). */
function flatMap(data: Uint8Array | Uint8ClampedArray, W: number, H: number): Uint8Array {
  // steep[i]: the step to pixel i's right (bit 1) or lower (bit 2) neighbour exceeds FLAT_STEP.
  const steep = STEEP.take(W * H);
  const over = (p: number, q: number) =>
    Math.abs(data[p]! - data[q]!) > FLAT_STEP || Math.abs(data[p + 1]! - data[q + 1]!) > FLAT_STEP || Math.abs(data[p + 2]! - data[q + 2]!) > FLAT_STEP;
  for (let y = 0, i = 0; y < H; y++) {
    for (let x = 0; x < W; x++, i++) {
      const p = i * 3;
      steep[i] = (x < W - 1 && over(p, p + 3) ? 1 : 0) | (y < H - 1 && over(p, p + W * 3) ? 2 : 0);
    }
  }
  const flat = FLAT.take(W * H);
  for (let y = 0, i = 0; y < H; y++) {
    for (let x = 0; x < W; x++, i++) {
      flat[i] = steep[i] || (x > 0 && steep[i - 1]! & 1) || (y > 0 && steep[i - W]! & 2) ? 0 : 1;
    }
  }
  return flat;
}

/**
 * Connected flat patches of one colour (within PATCH_TOLERANCE of their first pixel) of at least MIN_PATCH;
 * `labels` gets every flat pixel's patch number (-1 elsewhere).
 */
function flatPatches(data: Uint8Array | Uint8ClampedArray, W: number, H: number, flat: Uint8Array, labels: Int32Array): Patch[] {
  labels.fill(-1);
  const out: Patch[] = [];
  const stack = STACK.take(W * H);
  for (let s = 0, id = 0; s < W * H; s++) {
    if (!flat[s] || labels[s]! >= 0) continue;
    const r0 = data[s * 3]!, g0 = data[s * 3 + 1]!, b0 = data[s * 3 + 2]!;
    let area = 0, x0 = W, y0 = H, x1 = 0, y1 = 0, sr = 0, sg = 0, sb = 0, top = 0;
    labels[s] = id;
    stack[top++] = s;
    while (top > 0) {
      const i = stack[--top]!;
      const y = (i / W) | 0, x = i - y * W;
      area++;
      sr += data[i * 3]!; sg += data[i * 3 + 1]!; sb += data[i * 3 + 2]!;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      for (let k = 0; k < 4; k++) {
        const j = k === 0 ? (x > 0 ? i - 1 : -1) : k === 1 ? (x < W - 1 ? i + 1 : -1) : k === 2 ? (y > 0 ? i - W : -1) : (y < H - 1 ? i + W : -1);
        if (j < 0 || labels[j]! >= 0 || !flat[j]) continue;
        const q = j * 3;
        if (Math.abs(data[q]! - r0) > PATCH_TOLERANCE || Math.abs(data[q + 1]! - g0) > PATCH_TOLERANCE || Math.abs(data[q + 2]! - b0) > PATCH_TOLERANCE) continue;
        labels[j] = id;
        stack[top++] = j;
      }
    }
    if (area >= MIN_PATCH * W * H) out.push({ id, area, x0, y0, x1, y1, r: sr / area, g: sg / area, b: sb / area });
    id++;
  }
  return out;
}

/** Each patch's share of sharp edge (see MIN_SHARP_EDGE), by index in `patches`; each read within its own box. */
function sharpEdges(data: Uint8Array | Uint8ClampedArray, W: number, H: number, labels: Int32Array, patches: Patch[]): Float64Array {
  return Float64Array.from(patches, (p) => {
    const id = p.id;
    let edge = 0, sharp = 0;
    for (let y = p.y0; y <= p.y1; y++) {
      for (let x = p.x0, i = y * W + x; x <= p.x1; x++, i++) {
        if (labels[i] !== id) continue;
        for (let dir = 0; dir < 4; dir++) {
          const sx = dir === 0 ? 1 : dir === 1 ? -1 : 0, sy = dir === 2 ? 1 : dir === 3 ? -1 : 0;
          const x1 = x + sx, y1 = y + sy;
          if (x1 < 0 || x1 >= W || y1 < 0 || y1 >= H || labels[y1 * W + x1] === id) continue;
          edge++;
          for (let d = 0; d < EDGE_REACH; d++) {
            const xd = x1 + d * sx, yd = y1 + d * sy;
            if (xd < 0 || xd >= W || yd < 0 || yd >= H) break;
            const q = (yd * W + xd) * 3;
            if (Math.max(Math.abs(data[q]! - p.r), Math.abs(data[q + 1]! - p.g), Math.abs(data[q + 2]! - p.b)) >= EDGE_STEP) { sharp++; break; }
          }
        }
      }
    }
    return edge ? sharp / edge : 0;
  });
}

/** The patch grown by `radius` pixels (a square neighbourhood) into `mask`. */
function grow(labels: Int32Array, W: number, H: number, p: Patch, radius: number, mask: Uint8Array): void {
  const x0 = Math.max(0, p.x0 - radius), x1 = Math.min(W - 1, p.x1 + radius), y0 = Math.max(0, p.y0 - radius), y1 = Math.min(H - 1, p.y1 + radius);
  const bw = x1 - x0 + 1, bh = y1 - y0 + 1;
  // Separable: along rows, then along columns.
  const rows = new Uint8Array(bw * bh);
  for (let y = 0; y < bh; y++) {
    for (let x = 0; x < bw; x++) {
      if (labels[(y + y0) * W + x + x0] !== p.id) continue;
      for (let k = Math.max(0, x - radius); k <= Math.min(bw - 1, x + radius); k++) rows[y * bw + k] = 1;
    }
  }
  for (let x = 0; x < bw; x++) {
    for (let y = 0; y < bh; y++) {
      if (!rows[y * bw + x]) continue;
      for (let k = Math.max(0, y - radius); k <= Math.min(bh - 1, y + radius); k++) mask[(k + y0) * W + x + x0] = 1;
    }
  }
}

/** Pixels no path of unmasked pixels links to the picture's edge (a bubble's words, an emoji's eyes) join the mask. */
export function fillHoles(mask: Uint8Array, W: number, H: number): void {
  const reached = REACHED.zeroed(W * H);
  const stack = STACK.take(W * H);
  let top = 0;
  const visit = (i: number) => {
    if (reached[i] || mask[i]) return;
    reached[i] = 1;
    stack[top++] = i;
  };
  for (let x = 0; x < W; x++) { visit(x); visit((H - 1) * W + x); }
  for (let y = 0; y < H; y++) { visit(y * W); visit(y * W + W - 1); }
  while (top > 0) {
    const i = stack[--top]!;
    const x = i % W;
    if (x > 0) visit(i - 1);
    if (x < W - 1) visit(i + 1);
    if (i >= W) visit(i - W);
    if (i < (H - 1) * W) visit(i + W);
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
  const graphic = new Set(sharpOnes(others).map((p) => p.id));
  const mask = new Uint8Array(n);
  for (const p of stickerPatches) grow(labels, S, S, p, Math.round(OUTLINE * Math.sqrt(p.area / Math.PI)) + RIM, mask);
  fillHoles(mask, S, S);
  let covered = 0, flatDesign = 0;
  for (let i = 0; i < n; i++) {
    covered += mask[i]!;
    if (!mask[i] && graphic.has(labels[i]!)) flatDesign++;
  }
  if (covered < MIN_COVER * n || covered > MAX_COVER * n || flatDesign > MAX_FLAT_DESIGN * (n - covered)) return null;
  return r.width === S && r.height === S ? mask : scaleMask(mask, S, r.width, r.height);
}

/**
 * `r` with the masked pixels painted over from their surroundings (push–pull: averages of the known pixels over
 * ever coarser grids, carried back down into the holes): a smooth fill in the colours around each sticker.
 */
export function inpaint(r: Raster, mask: Uint8Array): Raster {
  const { width: W, height: H, data, channels: C } = r;
  // Each level: colour and how much of it is known (0 under the mask, 1 where seen).
  type Level = { w: number; h: number; rgb: Float32Array; a: Float32Array };
  const base: Level = { w: W, h: H, rgb: new Float32Array(W * H * 3), a: new Float32Array(W * H) };
  for (let i = 0; i < W * H; i++) {
    base.a[i] = mask[i] ? 0 : 1;
    for (let c = 0; c < 3; c++) base.rgb[i * 3 + c] = data[i * C + c]!;
  }
  // Push: halve until one pixel, averaging the known colours.
  const levels: Level[] = [base];
  for (let f = base; f.w > 1 || f.h > 1;) {
    const w = Math.ceil(f.w / 2), h = Math.ceil(f.h / 2);
    const next: Level = { w, h, rgb: new Float32Array(w * h * 3), a: new Float32Array(w * h) };
    for (let y = 0; y < f.h; y++) {
      for (let x = 0; x < f.w; x++) {
        const i = y * f.w + x, o = (y >> 1) * w + (x >> 1), a = f.a[i]!;
        next.a[o]! += a;
        for (let c = 0; c < 3; c++) next.rgb[o * 3 + c]! += a * f.rgb[i * 3 + c]!;
      }
    }
    for (let o = 0; o < w * h; o++) {
      const a = next.a[o]!;
      if (a > 0) for (let c = 0; c < 3; c++) next.rgb[o * 3 + c]! /= a;
      next.a[o] = Math.min(1, a);
    }
    levels.push(next);
    f = next;
  }
  // Pull: from the coarsest level down, what a level does not know is read (bilinearly) from the one above.
  for (let l = levels.length - 2; l >= 0; l--) {
    const f = levels[l]!, g = levels[l + 1]!;
    for (let y = 0; y < f.h; y++) {
      const gy = Math.min(g.h - 1, Math.max(0, (y + 0.5) / 2 - 0.5)), y0 = Math.floor(gy), y1 = Math.min(g.h - 1, y0 + 1), dy = gy - y0;
      for (let x = 0; x < f.w; x++) {
        const i = y * f.w + x, a = f.a[i]!;
        if (a >= 1) continue;
        const gx = Math.min(g.w - 1, Math.max(0, (x + 0.5) / 2 - 0.5)), x0 = Math.floor(gx), x1 = Math.min(g.w - 1, x0 + 1), dx = gx - x0;
        for (let c = 0; c < 3; c++) {
          const g00 = g.rgb[(y0 * g.w + x0) * 3 + c]!, g01 = g.rgb[(y0 * g.w + x1) * 3 + c]!;
          const g10 = g.rgb[(y1 * g.w + x0) * 3 + c]!, g11 = g.rgb[(y1 * g.w + x1) * 3 + c]!;
          const up = (g00 * (1 - dx) + g01 * dx) * (1 - dy) + (g10 * (1 - dx) + g11 * dx) * dy;
          f.rgb[i * 3 + c] = a * f.rgb[i * 3 + c]! + (1 - a) * up;
        }
        f.a[i] = 1;
      }
    }
  }
  const out = new Uint8Array(W * H * 3);
  for (let i = 0; i < W * H * 3; i++) out[i] = Math.round(Math.min(255, Math.max(0, base.rgb[i]!)));
  return { data: out, width: W, height: H, channels: 3 };
}
