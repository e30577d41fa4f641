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
const SCORE = new Slot(Float32Array), RUNG = new Slot(Uint8Array);

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

/** Binomial [1 4 6 4 1]² (σ ≈ 1): BRIEF compares smoothed pixels, so single-pixel noise cannot flip its bits. */
function smooth(p: Plane): Plane {
  const { w, h, data: a } = p;
  const b = SMOOTH_ROWS.take(w * h), c = SMOOTHED.take(w * h);
  for (let y = 0; y < h; y++) {
    const r = y * w;
    for (let x = 0; x < w; x++) {
      const x1 = Math.max(0, x - 1), x2 = Math.max(0, x - 2), x3 = Math.min(w - 1, x + 1), x4 = Math.min(w - 1, x + 2);
      b[r + x] = (a[r + x2]! + 4 * a[r + x1]! + 6 * a[r + x]! + 4 * a[r + x3]! + a[r + x4]!) / 16;
    }
  }
  for (let y = 0; y < h; y++) {
    const u2 = Math.max(0, y - 2) * w, u1 = Math.max(0, y - 1) * w, r = y * w, d1 = Math.min(h - 1, y + 1) * w, d2 = Math.min(h - 1, y + 2) * w;
    for (let x = 0; x < w; x++) c[r + x] = (b[u2 + x]! + 4 * b[u1 + x]! + 6 * b[r + x]! + 4 * b[d1 + x]! + b[d2 + x]!) / 16;
  }
  return { data: c, w, h };
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

/**
 * FAST-9 at the thresholds `rungs` (descending): how many of them, counted from the lowest, see nine contiguous
 * circle pixels all brighter or all darker than the centre by the threshold (a corner at a threshold is one at every
 * lower one). The circle is read once for all rungs. Called for the pixels that pass levelKeypoints' quick reject.
 */
/** The circle's 16 values of the pixel being tested (read once for all rungs). */
const RING = new Float64Array(16);

function cornerRung(d: Float32Array, i: number, offs: Int32Array, rungs: readonly number[]): number {
  const c = d[i]!, R = rungs.length;
  // Differences from the centre, exact in doubles, so `v > t` says what `d > c + t` says; the bits are set
  // without branches (which way a textured picture's comparisons go cannot be predicted).
  for (let j = 0; j < 16; j++) RING[j] = d[i + offs[j]!]! - c;
  let k = 0;
  for (let r = R - 1; r >= 0; r--) {
    const t = rungs[r]!, u = -t;
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
  const rung = RUNG.zeroed(w * h);
  const atLeast = new Int32Array(R + 2);
  // Quick reject on the four compass points (a 9-arc covers at least two of them), inline: it is all that ~80 %
  // of the pixels ever see.
  const o0 = offs[0]!, o4 = offs[4]!, o8 = offs[8]!, o12 = offs[12]!, t0 = rungs[R - 1]!;
  for (let y = BORDER; y < h - BORDER; y++) {
    for (let x = BORDER, i = y * w + BORDER; x < w - BORDER; x++, i++) {
      const c = d[i]!, hi = c + t0, lo = c - t0;
      const n0 = d[i + o0]!, n4 = d[i + o4]!, n8 = d[i + o8]!, n12 = d[i + o12]!;
      if ((n0 > hi ? 1 : 0) + (n4 > hi ? 1 : 0) + (n8 > hi ? 1 : 0) + (n12 > hi ? 1 : 0) < 2
        && (n0 < lo ? 1 : 0) + (n4 < lo ? 1 : 0) + (n8 < lo ? 1 : 0) + (n12 < lo ? 1 : 0) < 2) continue;
      const k = cornerRung(d, i, offs, rungs);
      if (k === 0) continue;
      rung[i] = k;
      atLeast[k]!++;
    }
  }
  for (let k = R - 1; k >= 1; k--) atLeast[k]! += atLeast[k + 1]!;
  // The highest threshold with the budget met, else the lowest: pixels on at least that many rungs are its corners.
  let need = 1;
  for (let k = R; k >= 1; k--) if (atLeast[k]! >= budget) { need = k; break; }
  for (let y = BORDER; y < h - BORDER; y++) {
    for (let x = BORDER; x < w - BORDER; x++) {
      const i = y * w + x;
      if (rung[i]! >= need) score[i] = Math.max(1e-6, harris(d, w, x, y));
    }
  }
  // 3 × 3 non-maximum suppression, then the best per grid cell.
  const cells: { x: number; y: number; s: number }[][] = Array.from({ length: GRID * GRID }, () => []);
  for (let y = BORDER; y < h - BORDER; y++) {
    for (let x = BORDER; x < w - BORDER; x++) {
      const i = y * w + x, s = score[i]!;
      if (s <= 0) continue;
      if (s < score[i - 1]! || s <= score[i + 1]! || s < score[i - w - 1]! || s < score[i - w]! || s < score[i - w + 1]!
        || s <= score[i + w - 1]! || s <= score[i + w]! || s <= score[i + w + 1]!) continue;
      cells[Math.min(GRID - 1, Math.floor((y * GRID) / h)) * GRID + Math.min(GRID - 1, Math.floor((x * GRID) / w))]!.push({ x, y, s });
    }
  }
  const perCell = Math.ceil((budget * 1.5) / (GRID * GRID));
  const picked = cells.flatMap((c) => c.sort((a, b) => b.s - a.s).slice(0, perCell)).sort((a, b) => b.s - a.s).slice(0, budget);
  const sm = smooth(p).data;
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
  for (let i = 0; i < grey.length; i++) grey[i] = level0.data[i]!;
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

/** Bits set in a 32-bit word. */
export function popcount(v: number): number {
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}
