// Which works a photographed screen in a post may show, from the pictures' broad light and dark alone: for the
// second stage's screen look (zoom.ts screenLook), which lays a work over the screen but only for the works the
// fast signals shortlisted. Moiré, glare and the angle leave a screen's picture little like its work to MobileNet,
// so the vectors often point elsewhere; a coarse grey grid of each work laid over the screen at each place it may
// sit (screen-places.ts) points at the work itself. The same grids point at the work a post repeats edge to edge
// under a dense watermark or a low JPEG quality (frameCandidates), for the second stage's in-place looks. Pure: the
// same code runs in the service worker (every work's grid is kept with its vectors), the CLI and bench:quality.
import { apply, homography, surfaceSize, surfaceTermsAt, type Quad } from './geometry';
import { COARSE_PLACES, screenPlaces, type PlacesTried } from './screen-places';

/** Samples along a work's long side: as zoom.ts screenLook's first, coarse look (appearance.ts roughWhole). */
export const THUMB_SAMPLES = 16;
/** Side of the square grey overview of a post the screens are read in (its proportions squeezed, as the finders'). */
export const VIEW_SIDE = 64;

/** A work's grey level averaged over each cell of a grid THUMB_SAMPLES cells along its long side, and its size. */
export interface WorkThumb { width: number; height: number; nx: number; ny: number; data: Uint8Array }

/** A post's grey overview (VIEW_SIDE square) and the screens the finders saw in it (fractions of the post). */
export interface ScreenView { width: number; height: number; side: number; data: Uint8Array; quads: Quad[] }

interface Grey { data: ArrayLike<number>; width: number; height: number }

/** Summed-area table of a grey plane, one row and column of zeros first. */
function integral(p: Grey): Float64Array {
  const W = p.width + 1, t = new Float64Array(W * (p.height + 1));
  for (let y = 0; y < p.height; y++) {
    let row = 0;
    for (let x = 0; x < p.width; x++) {
      row += p.data[y * p.width + x]!;
      t[(y + 1) * W + x + 1] = t[y * W + x + 1]! + row;
    }
  }
  return t;
}

/** The mean of `p` over [x0, x1) × [y0, y1) (pixels, clipped to the plane); NaN when nothing is left. */
function boxMean(t: Float64Array, p: { width: number; height: number }, x0: number, y0: number, x1: number, y1: number): number {
  const a = Math.max(0, Math.floor(x0)), b = Math.max(0, Math.floor(y0));
  const c = Math.min(p.width, Math.max(a + 1, Math.ceil(x1))), d = Math.min(p.height, Math.max(b + 1, Math.ceil(y1)));
  if (a >= p.width || b >= p.height || c <= a || d <= b) return NaN;
  const W = p.width + 1;
  return (t[d * W + c]! - t[b * W + c]! - t[d * W + a]! + t[b * W + a]!) / ((c - a) * (d - b));
}

/**
 * A work's coarse grid from a grey plane of it (any size, squeezed or not: the model's 224 square overview) and
 * the work's own size, whose proportions shape the grid.
 */
export function workThumb(p: Grey, size: { width: number; height: number } = p): WorkThumb {
  const long = Math.max(size.width, size.height);
  const nx = Math.max(2, Math.round((THUMB_SAMPLES * size.width) / long)), ny = Math.max(2, Math.round((THUMB_SAMPLES * size.height) / long));
  const t = integral(p), data = new Uint8Array(nx * ny);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      data[j * nx + i] = Math.round(boxMean(t, p, (i * p.width) / nx, (j * p.height) / ny, ((i + 1) * p.width) / nx, ((j + 1) * p.height) / ny));
    }
  }
  return { width: size.width, height: size.height, nx, ny, data };
}

/**
 * A post's screen view: a grey plane of it (any size, squeezed or not) squeezed to VIEW_SIDE, the screens found, and
 * the post's own size, whose proportions say a screen's (screen-places.ts); null when no screen was found.
 */
export function screenView(p: Grey, quads: Quad[], size: { width: number; height: number } = p): ScreenView | null {
  if (!quads.length) return null;
  const side = VIEW_SIDE, t = integral(p), data = new Uint8Array(side * side);
  const kx = p.width / side, ky = p.height / side;
  for (let y = 0; y < side; y++) for (let x = 0; x < side; x++) data[y * side + x] = Math.round(boxMean(t, p, x * kx, y * ky, (x + 1) * kx, (y + 1) * ky));
  return { width: size.width, height: size.height, side, data, quads };
}

const UNIT: Quad = [{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 1, y: 1 }, { x: 0, y: 1 }];

/** Side of a screen straightened once from the view, which every place on it is then read from. */
const RECT = 48;

/**
 * A screen straightened: the view resampled over the screen's own unit square (RECT cells a side, each the view's
 * mean over its footprint), as running totals of the values and of the cells on the post (a screen cut by the
 * picture's edge leaves some off it). `toScreen` maps post fractions into that square.
 */
interface Straightened { sum: Float64Array; count: Float64Array; toScreen: NonNullable<ReturnType<typeof homography>> }

function straighten(view: ScreenView, vt: Float64Array, quad: Quad): Straightened | null {
  const toPost = homography(UNIT, quad), toScreen = homography(quad, UNIT);
  if (!toPost || !toScreen) return null;
  const side = view.side, dims = { width: side, height: side }, W = RECT + 1;
  const sum = new Float64Array(W * W), count = new Float64Array(W * W);
  for (let y = 0; y < RECT; y++) {
    let rs = 0, rn = 0;
    for (let x = 0; x < RECT; x++) {
      const c = apply(toPost, { x: (x + 0.5) / RECT, y: (y + 0.5) / RECT });
      const r0 = apply(toPost, { x: x / RECT, y: y / RECT }), r1 = apply(toPost, { x: (x + 1) / RECT, y: (y + 1) / RECT });
      const hw = Math.max(0.5, (Math.abs(r1.x - r0.x) * side) / 2), hh = Math.max(0.5, (Math.abs(r1.y - r0.y) * side) / 2);
      const on = c.x >= 0 && c.y >= 0 && c.x <= 1 && c.y <= 1;
      const m = on ? boxMean(vt, dims, c.x * side - hw, c.y * side - hh, c.x * side + hw, c.y * side + hh) : NaN;
      if (!Number.isNaN(m)) { rs += m; rn++; }
      sum[(y + 1) * W + x + 1] = sum[y * W + x + 1]! + rs;
      count[(y + 1) * W + x + 1] = count[y * W + x + 1]! + rn;
    }
  }
  return { sum, count, toScreen };
}

/** A rectangle of the screen's unit square: [u0, u1] × [v0, v1]. */
interface Span { u0: number; v0: number; u1: number; v1: number }

/** The screen-square rectangle a quad of the post spans (places are rectangles of the screen, or nearly). */
function spanOf(s: Straightened, q: Quad): Span {
  let u0 = Infinity, v0 = Infinity, u1 = -Infinity, v1 = -Infinity;
  for (const p of q) {
    const c = apply(s.toScreen, p);
    if (c.x < u0) u0 = c.x;
    if (c.x > u1) u1 = c.x;
    if (c.y < v0) v0 = c.y;
    if (c.y > v1) v1 = c.y;
  }
  return { u0, v0, u1, v1 };
}

/**
 * An nx × ny grid laid over the straightened screen at `at`: each cell the mean over its footprint, NaN where
 * less than half of it is on the post or its centre is outside `cut` (the screen's outline, which cuts off a work
 * that overflows it; the whole square when absent).
 */
function laidOver(s: Straightened, nx: number, ny: number, at: Span, cut: Span): Float64Array {
  const W = RECT + 1, out = new Float64Array(nx * ny);
  const clamp = (v: number) => Math.max(0, Math.min(RECT, Math.round(v * RECT)));
  // Each column's and row's cells of the straightened screen, and whether its centre is inside the cut.
  const cols = new Int32Array(2 * nx), rows = new Int32Array(2 * ny), colIn = new Uint8Array(nx), rowIn = new Uint8Array(ny);
  for (let i = 0; i < nx; i++) {
    const x0 = at.u0 + ((at.u1 - at.u0) * i) / nx, x1 = at.u0 + ((at.u1 - at.u0) * (i + 1)) / nx, cx = (x0 + x1) / 2;
    cols[2 * i] = clamp(x0);
    cols[2 * i + 1] = Math.max(cols[2 * i]! + 1, clamp(x1));
    colIn[i] = cx >= Math.max(0, cut.u0) && cx <= Math.min(1, cut.u1) ? 1 : 0;
  }
  for (let j = 0; j < ny; j++) {
    const y0 = at.v0 + ((at.v1 - at.v0) * j) / ny, y1 = at.v0 + ((at.v1 - at.v0) * (j + 1)) / ny, cy = (y0 + y1) / 2;
    rows[2 * j] = clamp(y0);
    rows[2 * j + 1] = Math.max(rows[2 * j]! + 1, clamp(y1));
    rowIn[j] = cy >= Math.max(0, cut.v0) && cy <= Math.min(1, cut.v1) ? 1 : 0;
  }
  const { sum, count } = s;
  for (let j = 0; j < ny; j++) {
    const b = rows[2 * j]! * W, d = rows[2 * j + 1]! * W;
    for (let i = 0; i < nx; i++) {
      if (!rowIn[j] || !colIn[i]) { out[j * nx + i] = NaN; continue; }
      const a = cols[2 * i]!, c = cols[2 * i + 1]!;
      const n = count[d + c]! - count[b + c]! - count[d + a]! + count[b + a]!;
      out[j * nx + i] = n * 2 >= (c - a) * ((d - b) / W) ? (sum[d + c]! - sum[b + c]! - sum[d + a]! + sum[b + a]!) / n : NaN;
    }
  }
  return out;
}

/** Fewer cells than this shown on the post, and a place says nothing (a sliver correlates with anything). */
const MIN_CELLS = 8;

/** The cells a place shows, and the post's values there centred and scaled to unit length. */
interface Place {
  idx: Int32Array;
  v: Float64Array;
  /** The same with a smooth light field taken off (unlit), when the place shows enough cells to fit one. */
  unlit?: Unlit;
}

function centred(post: Float64Array, grid?: { nx: number; ny: number; fitted: SurfaceFits }): Place | null {
  const idx = new Int32Array(post.length);
  let n = 0, sum = 0;
  for (let i = 0; i < post.length; i++) if (!Number.isNaN(post[i]!)) { idx[n++] = i; sum += post[i]!; }
  if (n < MIN_CELLS) return null;
  const mean = sum / n, v = new Float64Array(n);
  let sq = 0;
  for (let k = 0; k < n; k++) { const d = post[idx[k]!]! - mean; v[k] = d; sq += d * d; }
  if (!(sq > 0)) return null;
  const norm = Math.sqrt(sq);
  for (let k = 0; k < n; k++) v[k]! /= norm;
  const place: Place = { idx: idx.subarray(0, n), v };
  const unlit = grid ? unlitPlace(post, place.idx, grid.nx, grid.ny, grid.fitted) : null;
  if (unlit) place.unlit = unlit;
  return place;
}

/**
 * A place's post values with their least-squares surface over the grid (1, x, y, x², xy, y², … to DEGREE) taken
 * off, scaled to unit length, and what a work's values need to be compared with them the same way: each cell's
 * terms and the inverse of their Gram matrix (`all`: the place shows every cell of the grid). A glare on a
 * photographed screen is such a surface, added to the screen's picture (as appearance.ts unlitCorrelation, the
 * screen look's own): under a broad one the grid of a work
 * that is mostly one colour — a goldfish on a purple ground — no longer follows the screen's light and dark, and the
 * work went unshortlisted however clearly the screen showed it. Measured (2026-12-06, an independently made set's
 * three draws, offline on the views and grids the engine keeps): of the screen photos in which a finder saw a
 * screen (75, 77, 76), the shortlist names the right work for 62 → 68, 65 → 72 and 58 → 65 with the surface off as
 * well; its negatives with a screen get a work to look at 20 → 19, 41 → 41 and 43 → 47 times. Rescanned, three
 * more screen photos were found (goldfish twice, an elephant herd by 132 keypoint pairs) and no negative flagged.
 * (Those figures are the quadratic's; see DEGREE.)
 */
interface Unlit { v: Float64Array; terms: Float64Array; inverse: Float64Array; rests: WeakMap<Uint8Array, number> }
/**
 * The surface's degree, as the screen look's (appearance.ts GLARE_DEGREE): a glare's fall-off is no quadratic
 * across a screen. Measured (2026-12-07, the same set, offline): a faint dark wallpaper and a gradient photo under
 * glares of 100 grey levels, whose screen look confirms them, come first with a quartic (0.92, 0.88) where the
 * quadratic ranked them past the four works fitted again or second at 0.69; the second draw's negatives with a
 * screen get a work named as often (50 of 194 views). A place that shows every cell (two in three) shares the whole
 * grid's fit, and each work's residual there is kept: over a 1,000-work gallery the shortlist took 43 ms a view,
 * 48 before with the quadratic (scratch, 2026-12-07).
 */
const DEGREE = 4;
const SURFACE = surfaceSize(DEGREE);
/** Cells a surface is fitted over at least: with fewer, its terms follow the picture itself. */
const MIN_UNLIT_CELLS = 4 * SURFACE;

function unlitPlace(post: Float64Array, idx: Int32Array, nx: number, ny: number, fitted: SurfaceFits): Unlit | null {
  const n = idx.length;
  if (n < MIN_UNLIT_CELLS) return null;
  const fit = n === nx * ny ? keptFit(wholeGrids, gridKey(nx, ny), nx, ny, idx) : keptFit(fitted, `${nx}x${ny}:${idx.join(',')}`, nx, ny, idx);
  if (!fit) return null;
  const { terms, inverse, rests } = fit;
  // The post's residual: its values less their fitted surface (coefficients: the inverse times the projection).
  const v = new Float64Array(n);
  for (let k = 0; k < n; k++) v[k] = post[idx[k]!]!;
  const t = projection(v, terms), c = new Float64Array(SURFACE);
  for (let p = 0; p < SURFACE; p++) for (let q = 0; q < SURFACE; q++) c[p]! += inverse[p * SURFACE + q]! * t[q]!;
  let sq = 0;
  for (let k = 0; k < n; k++) {
    let f = 0;
    for (let p = 0; p < SURFACE; p++) f += c[p]! * terms[k * SURFACE + p]!;
    v[k]! -= f;
    sq += v[k]! * v[k]!;
  }
  // A plain screen under a glare is all surface: nothing is left to compare.
  if (!(sq > 1e-6 * n)) return null;
  const norm = Math.sqrt(sq);
  for (let k = 0; k < n; k++) v[k]! /= norm;
  return { v, terms, inverse, rests };
}

/**
 * The surface's terms at the cells `idx` of an nx × ny grid (its sides running −1 … 1), and their Gram matrix's inverse.
 * Fitted again for every place that shows part of the grid, for every group of works' proportions: with a large
 * gallery this was most of the shortlist's time, so the terms come from a table per grid and the Gram matrix's lower
 * half is its upper half mirrored (a product is the same either way round, and each entry sums in the same order).
 */
function surfaceFit(nx: number, ny: number, idx: Int32Array): { terms: Float64Array; inverse: Float64Array } | null {
  const table = gridTerms(nx, ny);
  const n = idx.length, terms = new Float64Array(n * SURFACE), gram = new Float64Array(SURFACE * SURFACE);
  for (let k = 0; k < n; k++) {
    const o = k * SURFACE;
    terms.set(table.subarray(idx[k]! * SURFACE, (idx[k]! + 1) * SURFACE), o);
    for (let p = 0; p < SURFACE; p++) {
      const tp = terms[o + p]!;
      for (let q = p; q < SURFACE; q++) gram[p * SURFACE + q]! += tp * terms[o + q]!;
    }
  }
  for (let p = 1; p < SURFACE; p++) for (let q = 0; q < p; q++) gram[p * SURFACE + q] = gram[q * SURFACE + p]!;
  const inverse = invert(gram);
  return inverse && { terms, inverse };
}

/** Every cell's surface terms of an nx × ny grid, kept per grid shape (works share a few). */
function gridTerms(nx: number, ny: number): Float64Array {
  const key = gridKey(nx, ny);
  let table = termTables.get(key);
  if (!table) {
    table = new Float64Array(nx * ny * SURFACE);
    for (let s = 0; s < nx * ny; s++) surfaceTermsAt(s, nx, ny, DEGREE, table, s * SURFACE);
    termTables.set(key, table);
  }
  return table;
}
const termTables = new Map<number, Float64Array>();
const gridKey = (nx: number, ny: number) => nx * 4096 + ny;

/** A fit of some cells, and what each work's values leave past its surface there (unlitCorrelation), once per work. */
type KeptFit = { terms: Float64Array; inverse: Float64Array; rests: WeakMap<Uint8Array, number> };
/**
 * Fits of the cells a place shows, by grid and cells, for one view: its places in all the works' proportions show
 * the same few sets of cells (a 1,066-work gallery: 596 fits a view, of 44 sets).
 */
type SurfaceFits = Map<string, KeptFit | null>;
/**
 * Fits over every cell of a grid, by grid shape: the same for every place that shows them all, in every view (works
 * live as long as the gallery, so what each leaves past the fit is kept across views).
 */
const wholeGrids = new Map<number, KeptFit | null>();

/** surfaceFit of the cells `idx`, kept in `kept` under `key` with the works' residuals past it. */
function keptFit<K>(kept: Map<K, KeptFit | null>, key: K, nx: number, ny: number, idx: Int32Array): KeptFit | null {
  let fit = kept.get(key);
  if (fit === undefined) {
    const f = surfaceFit(nx, ny, idx);
    kept.set(key, (fit = f && { ...f, rests: new WeakMap() }));
  }
  return fit;
}

/** Each term's sum against `values`: the terms' transpose times the values. */
function projection(values: Float64Array, terms: Float64Array): Float64Array {
  const t = new Float64Array(SURFACE);
  for (let k = 0; k < values.length; k++) for (let p = 0; p < SURFACE; p++) t[p]! += terms[k * SURFACE + p]! * values[k]!;
  return t;
}

/** The inverse of the terms' Gram matrix: Gauss–Jordan on it beside the identity, partial pivoting; null when singular. */
function invert(m: Float64Array): Float64Array | null {
  const K = SURFACE, W = 2 * K, a = new Float64Array(K * W);
  for (let i = 0; i < K; i++) { a.set(m.subarray(i * K, (i + 1) * K), i * W); a[i * W + K + i] = 1; }
  for (let c = 0; c < K; c++) {
    let piv = c;
    for (let r = c + 1; r < K; r++) if (Math.abs(a[r * W + c]!) > Math.abs(a[piv * W + c]!)) piv = r;
    if (Math.abs(a[piv * W + c]!) < 1e-10) return null;
    if (piv !== c) for (let k = 0; k < W; k++) { const t = a[c * W + k]!; a[c * W + k] = a[piv * W + k]!; a[piv * W + k] = t; }
    const d = a[c * W + c]!;
    for (let k = 0; k < W; k++) a[c * W + k]! /= d;
    for (let r = 0; r < K; r++) {
      const f = a[r * W + c]!;
      if (r === c || f === 0) continue;
      for (let k = 0; k < W; k++) a[r * W + k]! -= f * a[c * W + k]!;
    }
  }
  const out = new Float64Array(K * K);
  for (let i = 0; i < K; i++) out.set(a.subarray(i * W + K, (i + 1) * W), i * K);
  return out;
}

/**
 * The correlation of a work's grid with a place's unlit post values, the work's own surface taken off too: the
 * post's residual is orthogonal to every term, so its product with the work's values is the product with their
 * residual, and that residual's length is the values' less what the surface explains (no per-work fit needed).
 */
function unlitCorrelation({ idx, unlit }: Place, work: Uint8Array): number {
  if (!unlit) return -1;
  const { v, terms, inverse, rests } = unlit;
  let ab = 0;
  for (let k = 0; k < idx.length; k++) ab += v[k]! * work[idx[k]!]!;
  // Places that show the same cells share one fit (keptFit): what the work's surface leaves there is
  // kept with it, once per work.
  let rest = rests.get(work);
  if (rest === undefined) rests.set(work, (rest = restOf(sums(work, idx, terms), inverse)));
  return rest > 1e-6 * idx.length ? ab / Math.sqrt(rest) : -1;
}

/** The sum of squares of a work's values less what its surface explains (the sums against the terms, through the inverse). */
function restOf({ t, bb }: { t: Float64Array; bb: number }, inverse: Float64Array): number {
  let explained = 0;
  for (let p = 0; p < SURFACE; p++) {
    let row = 0;
    for (let q = 0; q < SURFACE; q++) row += inverse[p * SURFACE + q]! * t[q]!;
    explained += t[p]! * row;
  }
  return bb - explained;
}

/** A work's values' sums against each term over the cells `idx`, and their sum of squares. */
function sums(work: Uint8Array, idx: Int32Array, terms: Float64Array): { t: Float64Array; bb: number } {
  const t = new Float64Array(SURFACE);
  let bb = 0;
  for (let k = 0, o = 0; k < idx.length; k++, o += SURFACE) {
    const b = work[idx[k]!]!;
    bb += b * b;
    for (let p = 0; p < SURFACE; p++) t[p]! += terms[o + p]! * b;
  }
  return { t, bb };
}

/** Pearson correlation of a work's grid with a place's centred post values, over the cells the place shows. */
function correlation(place: Place, work: Uint8Array): number {
  const { idx, v } = place;
  let sum = 0;
  for (let k = 0; k < idx.length; k++) sum += work[idx[k]!]!;
  const mean = sum / idx.length;
  let ab = 0, bb = 0;
  for (let k = 0; k < idx.length; k++) {
    const d = work[idx[k]!]! - mean;
    ab += v[k]! * d; bb += d * d;
  }
  return bb > 0 ? ab / Math.sqrt(bb) : 0;
}

/**
 * Every work's best correlation with the view's screens over the places it may sit (screen-places.ts), the post
 * sampled once per place for all works of one grid and proportions (an artist's works share a few).
 */
function fits(view: ScreenView, works: Iterable<readonly [string, WorkThumb]>, tried?: PlacesTried): Map<string, number> {
  const vt = integral({ data: view.data, width: view.side, height: view.side });
  const groups = new Map<string, { size: { width: number; height: number }; nx: number; ny: number; members: (readonly [string, WorkThumb])[] }>();
  for (const w of works) {
    const t = w[1];
    // Proportions within 1 % share their places: the shortlist's grid is coarser than that.
    const key = `${t.nx}x${t.ny}:${Math.round(Math.log(t.width / t.height) * 100)}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { size: { width: t.width, height: t.height }, nx: t.nx, ny: t.ny, members: [] }));
    g.members.push(w);
  }
  const best = new Map<string, number>();
  const post = { width: view.width, height: view.height };
  const whole: Span = { u0: 0, v0: 0, u1: 1, v1: 1 };
  const fitted: SurfaceFits = new Map();
  for (const quad of view.quads) {
    const s = straighten(view, vt, quad);
    if (!s) continue;
    for (const g of groups.values()) {
      for (const place of screenPlaces(quad, post, g.size, tried)) {
        const c = centred(laidOver(s, g.nx, g.ny, spanOf(s, place.quad), place.screen ? spanOf(s, place.screen) : whole), { nx: g.nx, ny: g.ny, fitted });
        if (!c) continue;
        // As the screen's light and dark are, or with a glare's smooth field off both (the higher of the two).
        for (const [id, t] of g.members) best.set(id, Math.max(best.get(id) ?? -1, correlation(c, t.data), unlitCorrelation(c, t.data)));
      }
    }
  }
  return best;
}

/**
 * Works whose coarse fit (COARSE_PLACES: 8 places a screen) ranks among this many best are fitted again at every
 * place the screen look tries (34): the coarse places cost a quarter as much for every work, but a work shown in
 * other proportions than the screen's may sit between them (an independently made set's binoculars on a turned
 * monitor: first at 0.71 coarse, 0.92 at every place).
 */
const REFINED = 4;

/** How closely the work's broad light and dark fit any screen of the view, at the best place it may sit: −1…1. */
export function screenFit(view: ScreenView, thumb: WorkThumb): number {
  return fits(view, [['', thumb]]).get('') ?? -1;
}

/** Every work's screenFit for one view, scoring `min` or more, best first: the coarse fit first, then the best few in full. */
export function screenCandidates(view: ScreenView, works: Iterable<readonly [string, WorkThumb]>, min: number): { workId: string; score: number }[] {
  const all = [...works];
  const coarse = [...fits(view, all, COARSE_PLACES)].sort((a, b) => b[1] - a[1]).slice(0, REFINED).map(([id]) => id);
  const refined = fits(view, all.filter(([id]) => coarse.includes(id)));
  const out: { workId: string; score: number }[] = [];
  for (const [workId, score] of refined) if (score >= min) out.push({ workId, score });
  return out.sort((a, b) => b.score - a.score);
}

/** Proportions within this (log ratio, ~2 %) are one frame: a repost resized or re-encoded keeps them. */
const SAME_FRAME = 0.02;

/**
 * Works of the post's own proportions and grid whose grey grid correlates with the post's at `min` or more, best
 * first: what the second stage lays over the post edge to edge (zoom.ts overlaid) when the vectors came nowhere
 * near. One pass over the works' grids, 16 × 10 cells or so a work.
 */
export function frameCandidates(post: WorkThumb, works: Iterable<readonly [string, WorkThumb]>, min: number): { workId: string; score: number }[] {
  // A plain post (one grey) has nothing to correlate.
  const place = centred(Float64Array.from(post.data));
  if (!place) return [];
  const aspect = Math.log(post.width / post.height);
  const out: { workId: string; score: number }[] = [];
  for (const [workId, t] of works) {
    if (t.nx !== post.nx || t.ny !== post.ny || Math.abs(Math.log(t.width / t.height) - aspect) > SAME_FRAME) continue;
    const score = correlation(place, t.data);
    if (score >= min) out.push({ workId, score });
  }
  return out.sort((a, b) => b.score - a.score);
}
