// The second stage's last look: does the post, where the mapping puts the work, look like the work? Keypoint pairs
// that one homography explains prove that *something* is shared, but drawings made on one template share exactly
// that: a road sign's rim and plate, a name card's lettering, a world map's coastline. A repost shows the rest of
// the work there too; a template-sharing picture shows its own content. This samples both pictures on a coarse
// grid through the mapping and asks, cell by cell, whether their light and dark agree (normalised correlation, so
// a recoloured, darker or greyscale repost still agrees), over the cells that hold detail in the work.
// Pure: the planes are the keypoints' level-0 greys (keypoints.ts).
import { apply, signedArea, solveLinear, surfaceSize, surfaceTermsAt, type Homography, type Quad } from './geometry';

import type { Plane8 as Plane } from './keypoints';
import { withoutWave, type Wave } from './moire';

export interface Appearance {
  /** Cells of the work with detail that lie in the post. */
  cells: number;
  /** Share of them whose pattern the post repeats there (0..1). */
  agree: number;
  /** Correlation of all in-post samples of work and post (−1..1): light and dark where the work has them. */
  whole: number;
  /** Share of the work's sample points that fall inside the post (0..1). */
  inside: number;
}

/** Samples along the work's long side, and per cell side: an 8 × 8 grid of 8 × 8-sample cells at most. */
const SAMPLES = 64;
const CELL = 8;
/** Grey levels (0..255) of spread a work cell needs to count as detail; below it a cell is flat colour. */
const DETAIL = 10;
/** Correlation at which a cell's pattern counts as repeated. */
const AGREE = 0.5;

/**
 * The part of the work to compare, in work pixels: where the agreeing keypoints lie. A collage tile crops the
 * work to the tile's shape, and what the mapping puts past the tile's edge is the neighbouring tile, not the
 * work's absence; a template-sharing picture's keypoints span its template, which is the whole picture.
 */
export interface Span { x0: number; y0: number; x1: number; y1: number }

/** Cells within this share of the work's side outside the span still count. */
const SPAN_PAD = 0.05;

/**
 * The last few planes' summed-area tables, by their pixels (a look wraps one plane's pixels anew: zoom.ts inColour):
 * one post is laid over each shortlisted work, and over each screen in it at several insets (zoom.ts screenLook),
 * in grey and in colour, each pairing of the same two planes. Few, as each is 4 bytes a pixel: six hold a post's and
 * a work's two planes and what one look makes of them.
 */
const integrals = new Map<Plane['data'], { width: number; height: number; table: Uint32Array }>();
const KEPT_INTEGRALS = 6;

/**
 * Summed-area table of a plane, (w+1) × (h+1), in whole numbers (a plane's greys are: exact up to 16 M pixels).
 * Planes are not changed once made, so the table is kept for the next call, the most recently used last.
 */
function integral(p: Plane): Uint32Array {
  let kept = integrals.get(p.data);
  if (kept && kept.width === p.width && kept.height === p.height) integrals.delete(p.data);
  else kept = { width: p.width, height: p.height, table: integralOf(p) };
  integrals.set(p.data, kept);
  if (integrals.size > KEPT_INTEGRALS) integrals.delete(integrals.keys().next().value!);
  return kept.table;
}

function integralOf(p: Plane): Uint32Array {
  const w = p.width, h = p.height, t = new Uint32Array((w + 1) * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      row += p.data[y * w + x]!;
      t[(y + 1) * (w + 1) + x + 1] = t[y * (w + 1) + x + 1]! + row;
    }
  }
  return t;
}

/** Mean of the plane over [x0, x1) × [y0, y1), clipped to it; NaN when nothing is left. */
function boxMean(t: Uint32Array, w: number, h: number, x0: number, y0: number, x1: number, y1: number): number {
  const a = Math.max(0, Math.min(w, Math.round(x0))), b = Math.max(0, Math.min(h, Math.round(y0)));
  let c = Math.max(0, Math.min(w, Math.round(x1))), d = Math.max(0, Math.min(h, Math.round(y1)));
  if (c <= a) c = Math.min(w, a + 1);
  if (d <= b) d = Math.min(h, b + 1);
  const n = (c - a) * (d - b);
  if (n <= 0) return NaN;
  const W = w + 1;
  return (t[d * W + c]! - t[b * W + c]! - t[d * W + a]! + t[b * W + a]!) / n;
}

/** Pearson correlation of paired samples, skipping NaN; 0 when either side is flat. */
function correlation(a: Float32Array, b: Float32Array, idx: number[]): number {
  let n = 0, sa = 0, sb = 0;
  for (const i of idx) { if (Number.isNaN(b[i]!)) continue; n++; sa += a[i]!; sb += b[i]!; }
  if (n < 2) return 0;
  const ma = sa / n, mb = sb / n;
  let ab = 0, aa = 0, bb = 0;
  for (const i of idx) {
    if (Number.isNaN(b[i]!)) continue;
    const da = a[i]! - ma, db = b[i]! - mb;
    ab += da * db; aa += da * da; bb += db * db;
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
}

/**
 * How far the post repeats the work where `h` (work level-0 px → post level-0 px) puts it. Both planes are
 * averaged over each sample's footprint, so the comparison happens at the coarser of the two pictures' detail.
 */
export function appearance(post: Plane, work: Plane, h: Homography, span?: Span): Appearance {
  return judge(sample(post, work, h), span);
}

/** The same over all of the work and over `span` of it, from one sampling of both pictures (the costly part). */
export function appearances(post: Plane, work: Plane, h: Homography, span: Span): [Appearance, Appearance] {
  const grid = sample(post, work, h);
  return [judge(grid), judge(grid, span)];
}

/**
 * The same as appearance(), with `detail`: the correlation of both pictures once each sample's neighbourhood mean
 * (DETAIL_RADIUS samples around it) is taken off, so a shared gradient (any sky over any land) no longer counts,
 * only where the shapes' edges and shading fall. For a post laid over the work without keypoints (verify.ts
 * sameFrame), whose smooth works have few cells of detail; what the post shows pasted over the work may be left out
 * (`hidden`: verify.ts underOverlays). `coarse`: the same at half the grid's density either way (pooled).
 */
export function appearanceInPlace(post: Plane, work: Plane, h: Homography, hidden?: Hidden): Appearance & { detail: number; coarse: number } {
  const grid = sample(post, work, h, hidden);
  return { ...judge(grid), detail: detailCorrelation(grid), coarse: detailCorrelation(pooled(grid)) };
}

/**
 * The grid at half its density either way, each sample the mean of four (NaN where the post's are left out): the
 * detail of broader shapes, over which a noisy post's grain averages out (appearanceInPlace's `coarse`).
 */
function pooled(g: Grid): Grid {
  const nx = g.nx >> 1, ny = g.ny >> 1;
  const a = new Float32Array(nx * ny), b = new Float32Array(nx * ny);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const s = 2 * j * g.nx + 2 * i, t = s + g.nx;
      a[j * nx + i] = (g.a[s]! + g.a[s + 1]! + g.a[t]! + g.a[t + 1]!) / 4;
      b[j * nx + i] = (g.b[s]! + g.b[s + 1]! + g.b[t]! + g.b[t + 1]!) / 4;
    }
  }
  return { ...g, a, b, nx, ny, sx: g.sx * 2, sy: g.sy * 2 };
}

/**
 * appearanceInPlace with `unlit` (unlitCorrelation), for a work laid over a photographed screen (verify.ts onQuad).
 * With the screen's moiré (moire.ts screenWave), the two are also compared with the wave off both, and the closer
 * of the two comparisons counts: a work with bands of its own at that frequency loses them too.
 */
export function appearanceOnScreen(post: Plane, work: Plane, h: Homography, hidden?: Hidden, wave?: Wave): Appearance & { detail: number; unlit: number; detailed: number } {
  const grid = sample(post, work, h, hidden);
  const detailed = detailedCells(grid);
  const plain = { ...onScreen(grid), detailed };
  if (!wave) return plain;
  const off = { ...onScreen(withoutBands(grid, h, wave)), detailed };
  return onScreenLikeness(off) > onScreenLikeness(plain) ? off : plain;
}

/**
 * One grid's appearance, detail and unlit correlation. The surface fit is the costly part, and the likeness
 * (onScreenLikeness) takes the higher of `whole` and `unlit`, then the lower of that and `detail`: where `whole`
 * already reaches `detail`, `unlit` cannot change it and is given as `whole`.
 */
function onScreen(grid: Grid): Appearance & { detail: number; unlit: number } {
  const seen = judge(grid), detail = detailCorrelation(grid);
  return { ...seen, detail, unlit: seen.whole >= detail ? seen.whole : unlitCorrelation(grid) };
}

/**
 * Cells of the work with detail (DETAIL), wherever the mapping puts them: a faint work (a dark wallpaper of a few
 * dim shapes) has hardly any, however much of it a post shows (second-stage.ts screenPlausible).
 */
function detailedCells({ a, nx, ny }: Pick<Grid, 'a' | 'nx' | 'ny'>): number {
  let n = 0;
  for (let cy = 0; cy < ny; cy += CELL) for (let cx = 0; cx < nx; cx += CELL) if (cellSpread(a, nx, cx, cy) >= DETAIL) n++;
  return n;
}

/** The standard deviation of the work's samples over the CELL × CELL cell from (cx, cy): whether it holds detail. */
function cellSpread(a: Float32Array, nx: number, cx: number, cy: number): number {
  let sum = 0, sq = 0;
  for (let j = cy; j < cy + CELL; j++) for (let i = cx; i < cx + CELL; i++) { const v = a[j * nx + i]!; sum += v; sq += v * v; }
  const k = CELL * CELL;
  return Math.sqrt(Math.max(0, sq / k - (sum / k) ** 2));
}

/**
 * How closely a work laid over a screen matches it: the lower of its whole picture's correlation, with or without a
 * glare's smooth light taken off (the higher of the two), and of its detail's (second-stage.ts screenAlike's bar).
 */
export const onScreenLikeness = ({ whole, unlit, detail }: { whole: number; unlit: number; detail: number }): number => Math.min(Math.max(whole, unlit), detail);

/** The grid with the wave (in the post's pixels, where `h` puts each sample) fitted off both pictures' samples. */
function withoutBands(g: Grid, h: Homography, { kx, ky }: Wave): Grid {
  const idx: number[] = [];
  const phase = new Float64Array(g.b.length);
  for (let s = 0; s < g.b.length; s++) {
    if (Number.isNaN(g.b[s]!)) continue;
    const j = Math.floor(s / g.nx), p = apply(h, { x: (s - j * g.nx + 0.5) * g.sx, y: (j + 0.5) * g.sy });
    phase[s] = kx * p.x + ky * p.y;
    idx.push(s);
  }
  return { ...g, a: withoutWave(g.a, idx, phase), b: withoutWave(g.b, idx, phase) };
}

/**
 * The correlation of all in-post samples once a smooth light field is taken off both pictures: each side's best fit
 * by a polynomial surface over the grid (GLARE_DEGREE) is subtracted before they are compared. A glare on a
 * photographed screen is such a field, added to the post; it can pull `whole` far down (the independently made
 * set's screen photos, 2026-12-06: a storm sky under a glare of 95 grey levels, whole 0.78, 0.94 with the field
 * off), while the neighbourhood means `detail` takes off leave it be. Fifteen numbers cannot follow a shape's edge,
 * so a region painted another colour still disagrees.
 */
function unlitCorrelation({ a, b, nx, ny }: Grid): number {
  const surface = surfaceTerms(nx, ny), { terms, k } = surface;
  const idx: number[] = [], missing: number[] = [];
  for (let s = 0; s < b.length; s++) (Number.isNaN(b[s]!) ? missing : idx).push(s);
  if (idx.length < 2 * k) return 0;
  // The normal equations' left side over the samples in the post: the whole grid's, less the few that are not.
  const gram = !missing.length ? surface.gram : missing.length < idx.length ? gramOf(terms, k, missing, surface.gram) : gramOf(terms, k, idx);
  // The work's side over the whole grid is the same wherever the work is laid (sample() keeps its grid).
  const { ca, aa, fa } = !missing.length ? wholeFit(a, idx, terms, k, gram) : fitOf(a, idx, terms, k, gram);
  // The post's right sides, and the plain sums of squares and products.
  const tb = new Float64Array(k);
  let ab = 0, bb = 0;
  for (const s of idx) {
    const va = a[s]!, vb = b[s]!;
    ab += va * vb; bb += vb * vb;
    for (let p = 0, o = s * k; p < k; p++, o++) tb[p]! += terms[o]! * vb;
  }
  const cb = solveSurface(gram, k, tb);
  if (!ca || !cb) return 0;
  // Each side's residual is orthogonal to every term (the constant among them: its mean is 0), so its sums of
  // squares and products follow from the fits without forming it: Σ ra·rb = Σ a·b − ca·tb, and so on.
  let fb = 0, fab = 0;
  for (let p = 0; p < k; p++) { fb += cb[p]! * tb[p]!; fab += ca[p]! * tb[p]!; }
  const ea = aa - fa, eb = bb - fb;
  // A side its surface fits to rounding (a plain gradient) is flat once it is off: no correlation.
  return ea > FLAT * aa && eb > FLAT * bb ? (ab - fab) / Math.sqrt(ea * eb) : 0;
}
/** Share of a side's sum of squares under which what its surface leaves is rounding. */
const FLAT = 1e-9;

/** One side's fit over the samples `idx`: its surface `ca` (null: singular), Σ a², and Σ ca·ta over its right sides ta. */
interface SideFit { ca: Float64Array | null; aa: number; fa: number }

function fitOf(a: Float32Array, idx: readonly number[], terms: Float64Array, k: number, gram: Float64Array): SideFit {
  const ta = new Float64Array(k);
  let aa = 0;
  for (const s of idx) {
    const va = a[s]!;
    aa += va * va;
    for (let p = 0, o = s * k; p < k; p++, o++) ta[p]! += terms[o]! * va;
  }
  const ca = solveSurface(gram, k, ta);
  let fa = 0;
  if (ca) for (let p = 0; p < k; p++) fa += ca[p]! * ta[p]!;
  return { ca, aa, fa };
}

/** The work side's fit over every sample of its grid, by the grid (sample() keeps one per work; never changed). */
const wholeFits = new WeakMap<Float32Array, SideFit>();
function wholeFit(a: Float32Array, idx: readonly number[], terms: Float64Array, k: number, gram: Float64Array): SideFit {
  let fit = wholeFits.get(a);
  if (!fit) wholeFits.set(a, (fit = fitOf(a, idx, terms, k, gram)));
  return fit;
}

/** The surface's coefficients from the normal equations (`gram`: upper triangle, k × k); null when singular. */
function solveSurface(gram: Float64Array, k: number, rhs: Float64Array): Float64Array | null {
  const m: number[][] = [];
  for (let p = 0; p < k; p++) {
    const row = new Array<number>(k + 1);
    for (let q = 0; q < k; q++) row[q] = p <= q ? gram[p * k + q]! : gram[q * k + p]!;
    row[k] = rhs[p]!;
    m.push(row);
  }
  return solveLinear(m);
}

/**
 * Degree of the surface unlitCorrelation takes off. A glare is a broad bright spot whose fall-off a quadratic does
 * not follow across a screen: laid over their own works at the true screen outline (recomputed from the
 * independently made set's generator, 2026-12-06), two faint dark wallpapers under glares of 48–95 grey levels came
 * to 0.19–0.59 with a quadratic, 0.78–0.96 with a quartic (0.57–0.87 cubic). Their detail, which no surface touches,
 * still has to agree as well.
 */
const GLARE_DEGREE = 4;

/**
 * The surface's terms (1, x, y, x², xy, y², … up to GLARE_DEGREE) at every sample of an nx × ny grid, its centre at 0
 * and its sides running −1 … 1, `k` a sample; and their products summed over all samples (the normal equations'
 * left side when every sample is in the post). Kept per grid: works of one proportion share it.
 */
function surfaceTerms(nx: number, ny: number): { terms: Float64Array; k: number; gram: Float64Array } {
  const key = `${nx}x${ny}`;
  let t = surfaces.get(key);
  if (t) return t;
  const k = surfaceSize(GLARE_DEGREE), terms = new Float64Array(nx * ny * k);
  for (let s = 0; s < nx * ny; s++) surfaceTermsAt(s, nx, ny, GLARE_DEGREE, terms, s * k);
  t = { terms, k, gram: gramOf(terms, k, Array.from({ length: nx * ny }, (_, s) => s)) };
  if (surfaces.size >= KEPT_SURFACES) surfaces.delete(surfaces.keys().next().value!);
  surfaces.set(key, t);
  return t;
}
const surfaces = new Map<string, { terms: Float64Array; k: number; gram: Float64Array }>();
const KEPT_SURFACES = 32;

/**
 * The terms' products summed over the samples `idx` (upper triangle, k × k); with `from`, those sums less the
 * products at `idx` (the whole grid's less the samples out of the post, when they are fewer).
 */
function gramOf(terms: Float64Array, k: number, idx: readonly number[], from?: Float64Array): Float64Array {
  const gram = from ? Float64Array.from(from) : new Float64Array(k * k), sign = from ? -1 : 1;
  for (const s of idx) {
    const t = s * k;
    for (let p = 0; p < k; p++) {
      const tp = sign * terms[t + p]!;
      for (let q = p; q < k; q++) gram[p * k + q]! += tp * terms[t + q]!;
    }
  }
  return gram;
}

/**
 * appearanceInPlace for a post already at the work's size (the same frame, pixel for pixel), where only the pixels
 * `keep` lets in count, on both sides alike: each sample is the mean of the kept pixels in its box, of the work and
 * of the post, so what was set aside (a mark's ink, marks.ts) weighs on neither. A sample with under a quarter of
 * its box kept is left out (as hidden).
 */
export function appearanceUnmasked(post: Plane, work: Plane, keep: Uint8Array): Appearance & { detail: number } {
  const W = work.width, H = work.height;
  const { nx, ny, sx, sy } = gridOf(W, H, SAMPLES);
  const a = new Float32Array(nx * ny).fill(NaN), b = new Float32Array(nx * ny).fill(NaN);
  const sa = new Float64Array(nx * ny), sb = new Float64Array(nx * ny), kept = new Uint32Array(nx * ny), all = new Uint32Array(nx * ny);
  for (let y = 0; y < H; y++) {
    const j = Math.min(ny - 1, Math.floor(y / sy));
    for (let x = 0; x < W; x++) {
      const s = j * nx + Math.min(nx - 1, Math.floor(x / sx)), i = y * W + x;
      all[s]!++;
      if (!keep[i]) continue;
      kept[s]!++;
      sa[s]! += work.data[i]!;
      sb[s]! += post.data[i]!;
    }
  }
  let inside = 0;
  for (let s = 0; s < nx * ny; s++) {
    if (!kept[s] || kept[s]! * 4 < all[s]!) continue;
    a[s] = sa[s]! / kept[s]!;
    b[s] = sb[s]! / kept[s]!;
    inside++;
  }
  // The work's own samples where the post's are left out: judge() reads a cell's detail from all of them.
  const grid: Grid = { a: filled(a, work, nx, ny, sx, sy), b, nx, ny, sx, sy, W, H, inside: nx * ny, hidden: true };
  return { ...judge(grid), inside: inside / (nx * ny), detail: detailCorrelation(grid) };
}

/** The work's samples, each the plain mean of its box where `a` has none (left out on the post's side). */
function filled(a: Float32Array, work: Plane, nx: number, ny: number, sx: number, sy: number): Float32Array {
  const t = integral(work);
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) {
    const s = j * nx + i;
    if (Number.isNaN(a[s]!)) a[s] = boxMean(t, work.width, work.height, i * sx, j * sy, (i + 1) * sx, (j + 1) * sy);
  }
  return a;
}

/** Samples along the long side of roughWhole's grid. */
const ROUGH_SAMPLES = 16;

/**
 * appearanceInPlace's `whole` on a grid a sixteenth as dense (16 samples along the work's long side), or the same
 * with a glare's smooth light off (unlitCorrelation) if that is higher: what the screen look (zoom.ts screenLook)
 * asks first of each of the few dozen places it may lay a work, before the full look at the few that come near. A
 * faint work under a broad glare agrees only once the glare is off (the independently made set's dark wallpapers,
 * over the screens the finders outline: best places 0.63–0.97 here with it off, −0.26–0.59 without).
 */
export function roughWhole(post: Plane, work: Plane, h: Homography, hidden?: Hidden): number {
  const grid = sample(post, work, h, hidden, ROUGH_SAMPLES);
  const idx: number[] = [];
  for (let s = 0; s < grid.a.length; s++) idx.push(s);
  return Math.max(correlation(grid.a, grid.b, idx), unlitCorrelation(grid));
}

/** Samples (of SAMPLES along the long side) either way of a point whose mean is taken off it. */
const DETAIL_RADIUS = 4;
/**
 * Grey levels of spread the work's detail needs for `detail` to say anything: a plain gradient has none left once
 * the local means are off, and the correlation of what remains (rounding) is noise.
 */
const MIN_DETAIL_SPREAD = 1;

/**
 * Only samples a full DETAIL_RADIUS inside the grid count: nearer the edge the window is cut off, a gradient no
 * longer cancels, and two pictures graded the same way would correlate there (a review measured 0.80 for two
 * different skies graded alike when the edge band counted, −0.02 without it; a noisy repost 0.83).
 */
function detailCorrelation({ a, b, nx, ny, hidden }: Grid): number {
  const idx: number[] = [];
  for (let j = DETAIL_RADIUS; j < ny - DETAIL_RADIUS; j++) for (let i = DETAIL_RADIUS; i < nx - DETAIL_RADIUS; i++) idx.push(j * nx + i);
  if (idx.length < 2) return 0;
  // Where the post is hidden, the work's samples are left out of its neighbourhood means too: both sides' means are
  // then taken over the same samples.
  let shown = a;
  if (hidden) {
    shown = new Float32Array(a.length);
    for (let s = 0; s < a.length; s++) shown[s] = Number.isNaN(b[s]!) ? NaN : a[s]!;
  }
  const ha = highPass(shown, nx, ny, idx);
  let sq = 0, m = 0;
  for (const s of idx) if (!Number.isNaN(ha[s]!)) { sq += ha[s]! * ha[s]!; m++; }
  if (!m || Math.sqrt(sq / m) < MIN_DETAIL_SPREAD) return 0;
  return correlation(ha, highPass(b, nx, ny, idx), idx);
}

/**
 * Each sample at `idx` less the mean of its window (DETAIL_RADIUS), NaN where the window holds no sample. A module
 * function, not a closure made per look: those were optimised again and again (see layout.ts lineSpread).
 */
function highPass(v: Float32Array, nx: number, ny: number, idx: number[]): Float32Array {
  // Window sums from running totals over the grid (values and how many are present), not a loop per window: a
  // screen look lays each work at a few dozen places (zoom.ts screenLook).
  const W = nx + 1, sum = new Float64Array(W * (ny + 1)), count = new Float64Array(W * (ny + 1));
  for (let y = 0; y < ny; y++) {
    let rs = 0, rn = 0;
    for (let x = 0; x < nx; x++) {
      const t = v[y * nx + x]!;
      if (!Number.isNaN(t)) { rs += t; rn++; }
      sum[(y + 1) * W + x + 1] = sum[y * W + x + 1]! + rs;
      count[(y + 1) * W + x + 1] = count[y * W + x + 1]! + rn;
    }
  }
  const out = new Float32Array(v.length);
  for (const s of idx) {
    const j = (s / nx) | 0, i = s - j * nx;
    const x0 = i - DETAIL_RADIUS, y0 = j - DETAIL_RADIUS, x1 = i + DETAIL_RADIUS + 1, y1 = j + DETAIL_RADIUS + 1;
    const n = windowSum(count, W, x0, y0, x1, y1);
    out[s] = n ? v[s]! - windowSum(sum, W, x0, y0, x1, y1) / n : NaN;
  }
  return out;
}

/** The sum over [x0, x1) × [y0, y1) of a running-total table `W` wide. */
const windowSum = (t: Float64Array, W: number, x0: number, y0: number, x1: number, y1: number) => t[y1 * W + x1]! - t[y0 * W + x1]! - t[y1 * W + x0]! + t[y0 * W + x0]!;

interface Grid {
  a: Float32Array; b: Float32Array; nx: number; ny: number; sx: number; sy: number; W: number; H: number; inside: number;
  /** Whether samples were left out as hidden (sample's `hidden`), not only where the mapping leaves the post. */
  hidden: boolean;
}

/** What the post shows over the work, to be left out (overlays.ts): a square mask over the whole post, 1 = hidden. */
export interface Hidden { data: Uint8Array; side: number }

/**
 * Work and post sampled at the same grid points of the work (NaN where the mapping leaves the post, or puts the
 * point on something `hidden`: those points count as outside the post, so a cell mostly hidden is not judged).
 */
function sample(post: Plane, work: Plane, h: Homography, hidden?: Hidden, samples = SAMPLES): Grid {
  const W = work.width, H = work.height;
  const { nx, ny, sx, sy } = gridOf(W, H, samples);
  const pt = integral(post);
  // The mapping's scale from the work's outline in the post: a sample's footprint there.
  const c: Quad = [apply(h, { x: 0, y: 0 }), apply(h, { x: W, y: 0 }), apply(h, { x: W, y: H }), apply(h, { x: 0, y: H })];
  const k = Math.sqrt(Math.abs(signedArea(c)) / (W * H));
  const rx = (sx * k) / 2, ry = (sy * k) / 2;
  const a = workSamples(work, samples), b = new Float32Array(nx * ny);
  const h0 = h[0]!, h1 = h[1]!, h2 = h[2]!, h3 = h[3]!, h4 = h[4]!, h5 = h[5]!, h6 = h[6]!, h7 = h[7]!, h8 = h[8]!;
  let inside = 0;
  for (let j = 0; j < ny; j++) {
    const y = (j + 0.5) * sy;
    for (let i = 0; i < nx; i++) {
      const s = j * nx + i;
      // geometry.ts apply, written out: the same sums, without two objects a sample.
      const x = (i + 0.5) * sx, d = h6 * x + h7 * y + h8;
      const px = (h0 * x + h1 * y + h2) / d, py = (h3 * x + h4 * y + h5) / d;
      if (px < 0 || py < 0 || px >= post.width || py >= post.height) { b[s] = NaN; continue; }
      if (hidden && covers(hidden, (px - rx) / post.width, (py - ry) / post.height, (px + rx) / post.width, (py + ry) / post.height)) { b[s] = NaN; continue; }
      b[s] = boxMean(pt, post.width, post.height, px - rx, py - ry, px + rx, py + ry);
      inside++;
    }
  }
  return { a, b, nx, ny, sx, sy, W, H, inside, hidden: hidden !== undefined };
}

/**
 * The work's side of sample()'s grid: each sample the work's mean over its cell. It depends on the work alone, not on
 * where a mapping puts it, so the work's own detail (detailedCells) is known before any look (workDetail).
 */
function workSamples(work: Plane, samples: number): Float32Array {
  const W = work.width, H = work.height;
  const kept = keptFor(work);
  const key = `${samples} ${W} ${H}`;
  let a = kept.grids.get(key);
  if (a) return a;
  const { nx, ny, sx, sy } = gridOf(W, H, samples);
  const wt = integral(work);
  a = new Float32Array(nx * ny);
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) a[j * nx + i] = boxMean(wt, W, H, i * sx, j * sy, (i + 1) * sx, (j + 1) * sy);
  kept.grids.set(key, a);
  return a;
}

/**
 * What is known of each work plane, by its pixels (a plane is not changed once made): its side of the grids already
 * sampled, by grid and size — a post is laid over the same few works at dozens of places (screen and picture looks),
 * and the grid is read only, never changed — and its cells of detail (workDetail).
 */
const workKept = new WeakMap<Plane['data'], { grids: Map<string, Float32Array>; detail?: number }>();
function keptFor(work: Plane): { grids: Map<string, Float32Array>; detail?: number } {
  let kept = workKept.get(work.data);
  if (!kept) workKept.set(work.data, (kept = { grids: new Map() }));
  return kept;
}

/**
 * The cells of detail of the work (detailedCells), which appearanceOnScreen reports as `detailed` for the work laid
 * anywhere: a look that only counts where the work has enough of it can be skipped before it is taken.
 */
export function workDetail(work: Plane): number {
  const kept = keptFor(work);
  if (kept.detail === undefined) {
    const { nx, ny } = gridOf(work.width, work.height, SAMPLES);
    kept.detail = detailedCells({ a: workSamples(work, SAMPLES), nx, ny });
  }
  return kept.detail;
}

/**
 * The sample grid over a W × H work: `samples` along its long side, whole cells of CELL samples either way (one
 * cell at least), and each sample's size in work pixels.
 */
function gridOf(W: number, H: number, samples: number): { nx: number; ny: number; sx: number; sy: number } {
  const step = Math.max(W, H) / samples;
  const nx = Math.max(CELL, Math.round(W / step / CELL) * CELL), ny = Math.max(CELL, Math.round(H / step / CELL) * CELL);
  return { nx, ny, sx: W / nx, sy: H / ny };
}

/** Whether anything hidden lies in the box (fractions of the post): a sample averages over all of it. */
function covers({ data, side }: Hidden, x0: number, y0: number, x1: number, y1: number): boolean {
  const ya = cellOf(y0, side), yb = cellOf(y1, side), xa = cellOf(x0, side), xb = cellOf(x1, side);
  for (let y = ya; y <= yb; y++) for (let x = xa; x <= xb; x++) if (data[y * side + x]) return true;
  return false;
}
const cellOf = (v: number, side: number) => Math.min(side - 1, Math.max(0, Math.floor(v * side)));

function judge({ a, b, nx, ny, sx, sy, W, H, inside, hidden }: Grid, span?: Span): Appearance {
  let cells = 0, agreeing = 0;
  const all: number[] = [];
  for (let cy = 0; cy < ny; cy += CELL) {
    for (let cx = 0; cx < nx; cx += CELL) {
      const idx: number[] = [];
      let present = 0;
      for (let j = cy; j < cy + CELL; j++) for (let i = cx; i < cx + CELL; i++) {
        const s = j * nx + i;
        idx.push(s);
        if (!Number.isNaN(b[s]!)) present++;
      }
      const mx = (cx + CELL / 2) * sx, my = (cy + CELL / 2) * sy;
      if (span && (mx < span.x0 - SPAN_PAD * W || mx > span.x1 + SPAN_PAD * W || my < span.y0 - SPAN_PAD * H || my > span.y1 + SPAN_PAD * H)) continue;
      // A cell mostly outside the post is not judged (a collage tile's crop); one mostly hidden is not judged cell by
      // cell, but what shows of it counts for the whole, which would otherwise rest on a few cells under a watermark.
      const judged = present >= (idx.length * 3) / 4;
      if (judged || hidden) for (const s of idx) if (!Number.isNaN(b[s]!)) all.push(s);
      if (!judged) continue;
      if (cellSpread(a, nx, cx, cy) < DETAIL) continue;
      cells++;
      if (correlation(a, b, idx) >= AGREE) agreeing++;
    }
  }
  return { cells, agree: cells ? agreeing / cells : 0, whole: correlation(a, b, all), inside: inside / (nx * ny) };
}
