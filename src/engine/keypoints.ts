// Local keypoints for the second stage (verify.ts): FAST corners ranked by the Harris response over a small
// image pyramid, each with an intensity-centroid orientation and a 256-bit rotated BRIEF descriptor (ORB-like).
// A sticker hides some of them, a screen photo or a tilt moves them, but the rest still sit where the work put
// them — which a whole-image embedding cannot say. Pure and deterministic (fixed sampling pattern).
import { greyAndChroma, type Raster } from './image';
import { seededRandom } from './vectors';
import { Slot } from './scratch';

export interface Keypoints {
  /** Size of the level-0 raster the coordinates refer to. */
  width: number;
  height: number;
  count: number;
  /** Level-0 pixel coordinates. */
  x: Float32Array;
  y: Float32Array;
  /** Size of the keypoint's patch relative to level 0 (1, 1.4, 2, …). */
  scale: Float32Array;
  /** Patch orientation, radians. */
  angle: Float32Array;
  /** count × 8 words. */
  desc: Uint32Array;
  /** The level-0 grey picture itself, for the second stage's look at what lies between the keypoints (appearance.ts). */
  plane: Plane8;
}

/**
 * A grey picture, one byte per pixel; `chroma`, where the picture's colours were at hand, its blue against yellow
 * pixel for pixel (image.ts greyAndChroma): planes derived from it (mirrored, resampled) leave it out.
 */
export interface Plane8 { data: Uint8Array; width: number; height: number; chroma?: Uint8Array }

export interface KeypointOptions {
  /** Long side of level 0. */
  side: number;
  levels: number;
  /** Keypoints kept over all levels. */
  max: number;
  /**
   * Long side of level 0 for a tall picture (a phone screenshot, ≥ 1.6:1), when larger than `side`: the picture
   * in it spans a fraction of the width, and at `side` a chat thumbnail was left ~100 px wide — too few corners
   * to confirm it (bench:quality phone-chat: 0 of 4 thumbnails the fast stage missed confirmed at 512, 4 of 4 at
   * the analysis raster's own size, with no more inliers on the negatives).
   */
  tallSide?: number;
}

/** Gallery works: a few levels down, so a work shown as a third of a collage still meets its own scale. */
export const GALLERY_KEYPOINTS: KeypointOptions = { side: 384, levels: 5, max: 500 };
/** A feed picture: its own analysis scale, fewer levels (the gallery side spans the scales). */
export const QUERY_KEYPOINTS: KeypointOptions = { side: 512, levels: 3, max: 1000, tallSide: 1024 };
/** Long side over short side from which a picture counts as tall (regions.ts treats it as a screenshot too). */
const TALL = 1.6;

const LEVEL_STEP = Math.SQRT2;
/** Patch radius of the orientation and the descriptor pattern; keypoints keep this far from the edge. */
const RADIUS = 13;
const BORDER = RADIUS + 3;
const FAST_THRESHOLD = 12;
const MIN_FAST_THRESHOLD = 3;
/** Keypoints are spread over a GRID × GRID layout so a textured corner cannot take them all. */
const GRID = 6;

interface Plane { data: Float32Array; w: number; h: number }

// The pyramid and the per-level maps are temporaries (engine/scratch.ts): ~5.5 MB a feed picture otherwise.
const LEVEL0 = new Slot(Float32Array), LEVEL_ODD = new Slot(Float32Array), LEVEL_EVEN = new Slot(Float32Array);
const SMOOTH_ROWS = new Slot(Float32Array), SMOOTHED = new Slot(Float32Array);
const SCORE = new Slot(Float32Array), CORNERS = new Slot(Int32Array), RUNGS = new Slot(Uint8Array);

/** Bilinear shrink of a plane (by at most 2×, so every source pixel still counts): the next pyramid level. */
function shrink(p: Plane, w: number, h: number, into: Slot<Float32Array>): Plane {
  const out = into.take(w * h);
  const sx = p.w / w, sy = p.h / h;
  for (let y = 0; y < h; y++) {
    const fy = Math.min(p.h - 1, Math.max(0, (y + 0.5) * sy - 0.5)), y0 = Math.floor(fy), y1 = Math.min(p.h - 1, y0 + 1), dy = fy - y0;
    for (let x = 0; x < w; x++) {
      const fx = Math.min(p.w - 1, Math.max(0, (x + 0.5) * sx - 0.5)), x0 = Math.floor(fx), x1 = Math.min(p.w - 1, x0 + 1), dx = fx - x0;
      const a = p.data[y0 * p.w + x0]!, b = p.data[y0 * p.w + x1]!, c = p.data[y1 * p.w + x0]!, d = p.data[y1 * p.w + x1]!;
      out[y * w + x] = (a + (b - a) * dx) * (1 - dy) + (c + (d - c) * dx) * dy;
    }
  }
  return { data: out, w, h };
}

/** How far from the edge the smoothed plane is read: a keypoint keeps BORDER away, its patch reaches RADIUS. */
const REACH = BORDER - RADIUS;

/** Smoothing is done in tiles of this many columns and rows, those the keypoints' patches reach. */
const TILE_W = 32, TILE_H = 8;

/**
 * Binomial [1 4 6 4 1]² (σ ≈ 1): BRIEF compares smoothed pixels, so single-pixel noise cannot flip its bits. Only
 * the tiles the patches around `centres` reach are smoothed (the patches cover about a third of a feed picture's
 * levels): those pixels are REACH or more from the edge, so no tap needs clamping to the picture there. Each value
 * is the same sum, in the same order, as a whole-plane pass gives; the rest of the plane is left as it was.
 */
function smooth(p: Plane, centres: readonly { x: number; y: number }[]): Float32Array {
  const { w, h, data: a } = p;
  const b = SMOOTH_ROWS.take(w * h), c = SMOOTHED.take(w * h);
  const cols = Math.ceil(w / TILE_W), rows = Math.ceil(h / TILE_H);
  const tiles = new Uint8Array(cols * rows);
  for (const { x, y } of centres) {
    const top = ((y - RADIUS) / TILE_H) | 0, bottom = ((y + RADIUS) / TILE_H) | 0;
    const left = ((x - RADIUS) / TILE_W) | 0, right = ((x + RADIUS) / TILE_W) | 0;
    for (let ty = top; ty <= bottom; ty++) for (let tx = left; tx <= right; tx++) tiles[ty * cols + tx] = 1;
  }
  // Along the rows: row y is read by the tiles of rows (y − 2) / TILE_H … (y + 2) / TILE_H.
  for (let y = REACH - 2; y < h - REACH + 2; y++) {
    const above = ((Math.max(0, y - 2) / TILE_H) | 0) * cols, below = ((Math.min(h - 1, y + 2) / TILE_H) | 0) * cols;
    for (let tx = 0; tx < cols;) {
      if (!(tiles[above + tx]! | tiles[below + tx]!)) { tx++; continue; }
      const from = tx;
      while (tx < cols && tiles[above + tx]! | tiles[below + tx]!) tx++;
      smoothRow(a, b, y * w + Math.max(REACH, from * TILE_W), y * w + Math.min(w - REACH, tx * TILE_W));
    }
  }
  // Down the columns, a row of tiles at a time.
  for (let ty = 0; ty < rows; ty++) {
    const y0 = Math.max(REACH, ty * TILE_H), y1 = Math.min(h - REACH, (ty + 1) * TILE_H);
    for (let tx = 0; tx < cols;) {
      if (!tiles[ty * cols + tx]) { tx++; continue; }
      const from = tx;
      while (tx < cols && tiles[ty * cols + tx]) tx++;
      smoothColumns(b, c, w, y0, y1, Math.max(REACH, from * TILE_W), Math.min(w - REACH, tx * TILE_W));
    }
  }
  return c;
}

/** The pass along a row, over pixels `i` … `end` − 1: the five taps slid along in locals, one read a value. */
function smoothRow(a: Float32Array, b: Float32Array, i: number, end: number): void {
  let l2 = a[i - 2]!, l1 = a[i - 1]!, m = a[i]!, r1 = a[i + 1]!;
  for (; i < end; i++) {
    const r2 = a[i + 2]!;
    b[i] = (l2 + 4 * l1 + 6 * m + 4 * r1 + r2) / 16;
    l2 = l1; l1 = m; m = r1; r1 = r2;
  }
}

/** The pass down the columns x0 … x1 − 1 of rows y0 … y1 − 1: two rows at a time, which share four of their six. */
function smoothColumns(b: Float32Array, c: Float32Array, w: number, y0: number, y1: number, x0: number, x1: number): void {
  const w2 = 2 * w, w3 = 3 * w;
  let y = y0;
  for (; y + 1 < y1; y += 2) {
    for (let i = y * w + x0, end = y * w + x1; i < end; i++) {
      const u2 = b[i - w2]!, u1 = b[i - w]!, m = b[i]!, d1 = b[i + w]!, d2 = b[i + w2]!, d3 = b[i + w3]!;
      c[i] = (u2 + 4 * u1 + 6 * m + 4 * d1 + d2) / 16;
      c[i + w] = (u1 + 4 * m + 6 * d1 + 4 * d2 + d3) / 16;
    }
  }
  if (y < y1) {
    for (let i = y * w + x0, end = y * w + x1; i < end; i++) c[i] = (b[i - w2]! + 4 * b[i - w]! + 6 * b[i]! + 4 * b[i + w]! + b[i + w2]!) / 16;
  }
}

/** The Bresenham circle of radius 3 FAST tests, as offsets. */
const CIRCLE: [number, number][] = [[0, -3], [1, -3], [2, -2], [3, -1], [3, 0], [3, 1], [2, 2], [1, 3], [0, 3], [-1, 3], [-2, 2], [-3, 1], [-3, 0], [-3, -1], [-2, -2], [-1, -3]];

/** Whether a 16-bit circle mask holds a run of nine set bits, the run allowed to wrap around. */
export function arcOfNine(m: number): boolean {
  let x = m | (m << 16);
  x &= x >>> 1; // bit i: bits i..i+1 set
  x &= x >>> 2; // i..i+3
  x &= x >>> 4; // i..i+7
  return (x & ((m | (m << 16)) >>> 8) & 0xffff) !== 0; // i..i+8, for a start i on the circle
}

/** The circle's 16 differences from the centre, of a corner being ranked (cornerRung). */
const RING = new Float64Array(16);

/**
 * FAST-9 at the thresholds `rungs` (descending), for a pixel already a corner at the lowest (fastCorners): how many
 * of them, counted from the lowest, see nine contiguous circle pixels all brighter or all darker than the centre by
 * the threshold (a corner at a threshold is one at every lower one). Reads the circle from RING.
 */
function cornerRung(rungs: readonly number[]): number {
  let k = 1;
  for (let r = rungs.length - 2; r >= 0; r--) {
    const t = rungs[r]!, u = -t;
    // Bits set without branches (which way a textured picture's comparisons go cannot be predicted).
    let bright = 0, dark = 0;
    for (let j = 0; j < 16; j++) {
      const v = RING[j]!;
      bright |= +(v > t) << j;
      dark |= +(v < u) << j;
    }
    if (!arcOfNine(bright) && !arcOfNine(dark)) break;
    k++;
  }
  return k;
}

/** A 16-point circle mask turned by `k` points: `m & turn(m, k)` keeps the points whose k-th next one is set too. */
const turn = (m: number, k: number): number => ((m >>> k) | (m << (16 - k))) & 0xffff;

/**
 * The pixels on at least the lowest rung, in raster order, into `at` (their rungs into `rungOf`); their count.
 * `atLeast[k]` counts those on exactly rung k. The lowest rung's test is inline and read in steps, each turning
 * most of the pixels left away, since a nine-arc covers the left or the right point (same row, so read first), two
 * neighbouring compass points, four neighbouring points of every second one, and then is the arc test itself:
 * ~27 % of the pixels read the points above and below, ~18 % the diagonals, ~12 % the whole circle. The bits
 * (brighter or darker than the centre by the threshold) are set without branches.
 */
function fastCorners(p: Plane, offs: Int32Array, rungs: readonly number[], at: Int32Array, rungOf: Uint8Array, atLeast: Int32Array): number {
  const { data: d, w, h } = p;
  // The circle's offsets as locals: the loop reads them for every pixel.
  const [o0, o1, o2, o3, o4, o5, o6, o7, o8, o9, o10, o11, o12, o13, o14, o15] = offs as unknown as number[];
  const t0 = rungs[rungs.length - 1]!;
  let n = 0;
  for (let y = BORDER; y < h - BORDER; y++) {
    for (let i = y * w + BORDER, end = (y + 1) * w - BORDER; i < end; i++) {
      // `n > hi` is `n − c > t0`, both exact in doubles, as cornerRung compares at the higher rungs.
      const c = d[i]!, hi = c + t0, lo = c - t0;
      const n4 = d[i + o4!]!, n12 = d[i + o12!]!;
      let bright = (+(n4 > hi) << 4) | (+(n12 > hi) << 12);
      let dark = (+(n4 < lo) << 4) | (+(n12 < lo) << 12);
      if ((bright | dark) === 0) continue;
      const n0 = d[i + o0!]!, n8 = d[i + o8!]!;
      bright |= +(n0 > hi) | (+(n8 > hi) << 8);
      dark |= +(n0 < lo) | (+(n8 < lo) << 8);
      if (((bright & turn(bright, 4)) | (dark & turn(dark, 4))) === 0) continue;
      const n2 = d[i + o2!]!, n6 = d[i + o6!]!, n10 = d[i + o10!]!, n14 = d[i + o14!]!;
      bright |= (+(n2 > hi) << 2) | (+(n6 > hi) << 6) | (+(n10 > hi) << 10) | (+(n14 > hi) << 14);
      dark |= (+(n2 < lo) << 2) | (+(n6 < lo) << 6) | (+(n10 < lo) << 10) | (+(n14 < lo) << 14);
      const pb = bright & turn(bright, 2), pd = dark & turn(dark, 2);
      if (((pb & turn(pb, 4)) | (pd & turn(pd, 4))) === 0) continue;
      const n1 = d[i + o1!]!, n3 = d[i + o3!]!, n5 = d[i + o5!]!, n7 = d[i + o7!]!;
      const n9 = d[i + o9!]!, n11 = d[i + o11!]!, n13 = d[i + o13!]!, n15 = d[i + o15!]!;
      bright |= (+(n1 > hi) << 1) | (+(n3 > hi) << 3) | (+(n5 > hi) << 5) | (+(n7 > hi) << 7)
        | (+(n9 > hi) << 9) | (+(n11 > hi) << 11) | (+(n13 > hi) << 13) | (+(n15 > hi) << 15);
      dark |= (+(n1 < lo) << 1) | (+(n3 < lo) << 3) | (+(n5 < lo) << 5) | (+(n7 < lo) << 7)
        | (+(n9 < lo) << 9) | (+(n11 < lo) << 11) | (+(n13 < lo) << 13) | (+(n15 < lo) << 15);
      if (!arcOfNine(bright) && !arcOfNine(dark)) continue;
      // A corner: the differences from the centre (exact in doubles, so `v > t` says what `n > c + t` says) rank it.
      RING[0] = n0 - c; RING[1] = n1 - c; RING[2] = n2 - c; RING[3] = n3 - c; RING[4] = n4 - c; RING[5] = n5 - c;
      RING[6] = n6 - c; RING[7] = n7 - c; RING[8] = n8 - c; RING[9] = n9 - c; RING[10] = n10 - c; RING[11] = n11 - c;
      RING[12] = n12 - c; RING[13] = n13 - c; RING[14] = n14 - c; RING[15] = n15 - c;
      const k = cornerRung(rungs);
      at[n] = i;
      rungOf[n++] = k;
      atLeast[k]!++;
    }
  }
  return n;
}

/** Harris response over a 7 × 7 window: ranks corners, since FAST alone also fires along strong edges. */
function harris(d: Float32Array, w: number, x: number, y: number): number {
  let xx = 0, yy = 0, xy = 0;
  for (let dy = -3; dy <= 3; dy++) {
    for (let dx = -3; dx <= 3; dx++) {
      const i = (y + dy) * w + x + dx;
      const gx = d[i + 1]! - d[i - 1]!, gy = d[i + w]! - d[i - w]!;
      xx += gx * gx; yy += gy * gy; xy += gx * gy;
    }
  }
  return xx * yy - xy * xy - 0.04 * (xx + yy) ** 2;
}

/** 256 point pairs, Gaussian around the centre (BRIEF's G II), kept inside the patch radius; a fixed seed, so
 *  every build samples the same pattern and stored keypoints stay comparable. */
const PATTERN: Float32Array = (() => {
  const r = seededRandom(0x1a5ea1);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const out = new Float32Array(256 * 4);
  for (let i = 0; i < out.length; i += 2) {
    let x: number, y: number;
    do { x = gauss() * RADIUS / 2.2; y = gauss() * RADIUS / 2.2; } while (x * x + y * y > RADIUS * RADIUS);
    out[i] = x; out[i + 1] = y;
  }
  return out;
})();

/** The pattern turned to 30 angle steps of 12°, as pixel offsets (rounded once, reused for every keypoint). */
const ANGLE_STEPS = 30;
const ROTATED: Int16Array[] = Array.from({ length: ANGLE_STEPS }, (_, k) => {
  const a = (2 * Math.PI * k) / ANGLE_STEPS, c = Math.cos(a), s = Math.sin(a);
  const out = new Int16Array(PATTERN.length);
  for (let i = 0; i < PATTERN.length; i += 2) {
    out[i] = Math.round(c * PATTERN[i]! - s * PATTERN[i + 1]!);
    out[i + 1] = Math.round(s * PATTERN[i]! + c * PATTERN[i + 1]!);
  }
  return out;
});

/** Intensity centroid of the disc around (x, y): the direction the patch "leans", stable under rotation. */
function orientation(d: Float32Array, w: number, x: number, y: number): number {
  let m10 = 0, m01 = 0;
  for (let dy = -RADIUS; dy <= RADIUS; dy++) {
    const span = Math.floor(Math.sqrt(RADIUS * RADIUS - dy * dy));
    const row = (y + dy) * w + x;
    for (let dx = -span; dx <= span; dx++) {
      const v = d[row + dx]!;
      m10 += dx * v;
      m01 += dy * v;
    }
  }
  return Math.atan2(m01, m10);
}

interface Found { x: number; y: number; score: number; level: number; angle: number; desc: Uint32Array }

function levelKeypoints(p: Plane, level: number, budget: number): Found[] {
  const { data: d, w, h } = p;
  if (w <= 2 * BORDER + 4 || h <= 2 * BORDER + 4) return [];
  const offs = Int32Array.from(CIRCLE.map(([dx, dy]) => dy * w + dx));
  const score = SCORE.zeroed(w * h);
  // Smooth pictures (gradients, soft paintings) have few corners at the usual contrast: the threshold is lowered
  // (12, 6, 3) until the level has about its share, so a soft work still gets keypoints to verify with. A corner
  // at a threshold is one at every lower one, so one pass finds each pixel's highest rung, from the lowest up.
  const rungs: number[] = [];
  for (let t = FAST_THRESHOLD; t >= MIN_FAST_THRESHOLD; t /= 2) rungs.push(t);
  const R = rungs.length;
  // The corners as a list, so the later passes visit them alone rather than every pixel.
  const at = CORNERS.take(w * h), rungOf = RUNGS.take(w * h);
  const atLeast = new Int32Array(R + 2);
  const n = fastCorners(p, offs, rungs, at, rungOf, atLeast);
  for (let k = R - 1; k >= 1; k--) atLeast[k]! += atLeast[k + 1]!;
  // The highest threshold with the budget met, else the lowest: pixels on at least that many rungs are its corners.
  let need = 1;
  for (let k = R; k >= 1; k--) if (atLeast[k]! >= budget) { need = k; break; }
  // Those are scored, and kept at the front of the list (still in raster order).
  let m = 0;
  for (let j = 0; j < n; j++) {
    if (rungOf[j]! < need) continue;
    const i = at[j]!, y = (i / w) | 0;
    score[i] = Math.max(1e-6, harris(d, w, i - y * w, y));
    at[m++] = i;
  }
  // 3 × 3 non-maximum suppression, then the best per grid cell.
  const cells: { x: number; y: number; s: number }[][] = Array.from({ length: GRID * GRID }, () => []);
  for (let j = 0; j < m; j++) {
    const i = at[j]!, s = score[i]!;
    if (s < score[i - 1]! || s <= score[i + 1]! || s < score[i - w - 1]! || s < score[i - w]! || s < score[i - w + 1]!
      || s <= score[i + w - 1]! || s <= score[i + w]! || s <= score[i + w + 1]!) continue;
    const y = (i / w) | 0, x = i - y * w;
    cells[Math.min(GRID - 1, Math.floor((y * GRID) / h)) * GRID + Math.min(GRID - 1, Math.floor((x * GRID) / w))]!.push({ x, y, s });
  }
  const perCell = Math.ceil((budget * 1.5) / (GRID * GRID));
  const picked = cells.flatMap((c) => c.sort((a, b) => b.s - a.s).slice(0, perCell)).sort((a, b) => b.s - a.s).slice(0, budget);
  const sm = smooth(p, picked);
  return picked.map(({ x, y, s }) => {
    const angle = orientation(sm, w, x, y);
    const pat = ROTATED[((Math.round((angle / (2 * Math.PI)) * ANGLE_STEPS) % ANGLE_STEPS) + ANGLE_STEPS) % ANGLE_STEPS]!;
    const desc = new Uint32Array(8);
    const c = y * w + x;
    for (let word = 0, i = 0; word < 8; word++) {
      let bits = 0;
      for (let b = 0; b < 32; b++, i += 4) bits |= +(sm[c + pat[i + 1]! * w + pat[i]!]! < sm[c + pat[i + 3]! * w + pat[i + 2]!]!) << b;
      desc[word] = bits;
    }
    return { x, y, score: s, level, angle, desc };
  });
}

/** Scale (≤ 1) from a `width` × `height` picture to the level 0 its keypoints are found on. */
export function levelZeroScale(width: number, height: number, opts: KeypointOptions): number {
  const long = Math.max(width, height), short = Math.min(width, height);
  const side = opts.tallSide && long >= TALL * short ? Math.max(opts.side, opts.tallSide) : opts.side;
  return Math.min(1, side / long);
}

/**
 * The grey level-0 picture keypoints are found on, with its chroma: what a feed picture's decode worker keeps, at
 * half of its raster's bytes, so the second stage can run long after the picture was decoded (keypointsOf).
 */
export function keypointPlane(image: Raster, opts: KeypointOptions): Plane8 {
  const k0 = levelZeroScale(image.width, image.height, opts);
  const W = Math.max(1, Math.round(image.width * k0)), H = Math.max(1, Math.round(image.height * k0));
  const { grey, chroma } = greyAndChroma(image, W, H);
  return { data: grey, width: W, height: H, chroma };
}

/** The buffers a set of keypoints is made of, its plane's and chroma's included: what a message transfers. */
export const keypointBuffers = (k: Keypoints): ArrayBuffer[] =>
  [k.x, k.y, k.scale, k.angle, k.desc, k.plane.data, ...(k.plane.chroma ? [k.plane.chroma] : [])].map((a) => a.buffer as ArrayBuffer);

export function keypoints(image: Raster, opts: KeypointOptions): Keypoints {
  return keypointsOf(keypointPlane(image, opts), opts);
}

/**
 * The keypoints of a level-0 plane (keypointPlane): its grey values are whole numbers, so nothing is lost. Levels
 * `from`…`to` − 1 only, when asked: each level's keypoints are the same whichever others are found (its budget is
 * its share of all `opts.levels`), so the second stage can look at the coarse levels first and add level 0 only
 * for a picture worth it (mergeKeypoints).
 */
export function keypointsOf(level0: Plane8, opts: KeypointOptions, from = 0, to = opts.levels): Keypoints {
  const { width: W, height: H } = level0;
  // Each level gets a share of the budget by its area, so coarse levels (few, stable corners) are not crowded out.
  const areas = Array.from({ length: opts.levels }, (_, l) => LEVEL_STEP ** (-2 * l));
  const total = areas.reduce((a, b) => a + b, 0);
  const found: Found[] = [];
  const grey = LEVEL0.take(W * H);
  grey.set(level0.data);
  let plane: Plane = { data: grey, w: W, h: H };
  for (let l = 0; l < Math.min(to, opts.levels); l++) {
    const f = LEVEL_STEP ** -l;
    const w = Math.round(W * f), h = Math.round(H * f);
    if (Math.min(w, h) < 2 * BORDER + 8) break;
    // Each level is shrunk from the one before, so two slots alternate.
    if (l > 0) plane = shrink(plane, w, h, l % 2 ? LEVEL_ODD : LEVEL_EVEN);
    if (l >= from) found.push(...levelKeypoints(plane, l, Math.max(20, Math.round((opts.max * areas[l]!) / total))));
  }
  const n = found.length;
  const out: Keypoints = { width: W, height: H, count: n, x: new Float32Array(n), y: new Float32Array(n), scale: new Float32Array(n), angle: new Float32Array(n), desc: new Uint32Array(n * 8), plane: level0 };
  found.forEach((p, i) => {
    const s = LEVEL_STEP ** p.level;
    out.x[i] = (p.x + 0.5) * s - 0.5;
    out.y[i] = (p.y + 0.5) * s - 0.5;
    out.scale[i] = s;
    out.angle[i] = p.angle;
    out.desc.set(p.desc, i * 8);
  });
  return out;
}

/** `fine` (the first levels) followed by `coarse` (the rest) of one plane: what keypointsOf finds for all levels. */
export function mergeKeypoints(fine: Keypoints, coarse: Keypoints): Keypoints {
  const join = <T extends Float32Array | Uint32Array>(a: T, b: T): T => {
    const out = new (a.constructor as { new(n: number): T })(a.length + b.length);
    out.set(a);
    out.set(b, a.length);
    return out;
  };
  return {
    width: fine.width, height: fine.height, count: fine.count + coarse.count, plane: fine.plane,
    x: join(fine.x, coarse.x), y: join(fine.y, coarse.y), scale: join(fine.scale, coarse.scale), angle: join(fine.angle, coarse.angle), desc: join(fine.desc, coarse.desc),
  };
}

/**
 * Bits set in four 32-bit words together (a descriptor's half): the same count as four popcounts, with the words
 * merged two by two once their 2-bit counts are formed (nibbles ≤ 8, bytes ≤ 32, their sum ≤ 128), so a quarter of
 * the adds and masks go. Descriptor matching (verify.ts) runs it half a million times a work.
 */
export function popcount4(a: number, b: number, c: number, d: number): number {
  a -= (a >>> 1) & 0x55555555;
  b -= (b >>> 1) & 0x55555555;
  c -= (c >>> 1) & 0x55555555;
  d -= (d >>> 1) & 0x55555555;
  a = (a & 0x33333333) + ((a >>> 2) & 0x33333333) + (b & 0x33333333) + ((b >>> 2) & 0x33333333);
  c = (c & 0x33333333) + ((c >>> 2) & 0x33333333) + (d & 0x33333333) + ((d >>> 2) & 0x33333333);
  a = (a & 0x0f0f0f0f) + ((a >>> 4) & 0x0f0f0f0f) + (c & 0x0f0f0f0f) + ((c >>> 4) & 0x0f0f0f0f);
  return Math.imul(a, 0x01010101) >>> 24;
}
