// Where a reposted picture sits inside a larger one: the tiles of a collage (九宫格), a rectangle framed by
// edges (a frame, caption bars, a chat thumbnail, a viewer), a picture turned by a few degrees with its corners
// filled, a photographed screen, and a picture pasted slanted onto another (a mock-up). Each finder reads a small
// grey overview (the 224 px whole-image raster the model gets anyway), so most cost well under a millisecond (the
// mock-up's Hough transform 1.5–2 ms), and each answers "nothing" unless the layout is clear: every region it
// returns is one more embedding, and one more chance for an unrelated picture to look like a work.
import type { Box, Raster } from './image';
import { luma } from './image';
import { signedArea, type Point, type Quad } from './geometry';
import { Slot } from './scratch';

// The finders' per-pixel maps are temporaries (engine/scratch.ts): ~2.5 MB a feed picture otherwise.
const UF_PARENT = new Slot(Int32Array), UF_SIZE = new Slot(Int32Array), UF_FIRST = new Slot(Int32Array);
const UF_X0 = new Slot(Int32Array), UF_X1 = new Slot(Int32Array), UF_Y0 = new Slot(Int32Array), UF_Y1 = new Slot(Int32Array);
const LABEL = new Slot(Int32Array), QUEUE = new Slot(Int32Array), OUTSIDE = new Slot(Uint8Array);
const BAND = new Slot(Uint8Array), ORDER = new Slot(Int32Array), LIT = new Slot(Uint8Array);
const OFF_PAGE = new Slot(Uint8Array), GRAD_X = new Slot(Int16Array), GRAD_Y = new Slot(Int16Array);

interface Plane { v: Float32Array; w: number; h: number }
/** The overview's luma, computed once for all the finders that read it. */
const planes = new WeakMap<Raster, Plane>();
function plane(src: Raster): Plane {
  let p = planes.get(src);
  if (!p) planes.set(src, (p = { v: luma(src), w: src.width, h: src.height }));
  return p;
}

// ---------- collages ----------

/** A gutter line: one colour all along (a seam between two pictures is never that flat). */
const GUTTER_SPREAD = 14;
/** A seam without a gutter: the mean step across the line is this many times the usual step nearby. */
const SEAM_RATIO = 3;
const SEAM_MIN_STEP = 10;
/** And most of the line steps: a single strong object edge covers only part of a line. */
const SEAM_COVERAGE = 0.4;

/** Positions (0..1) along one axis where a collage splits: gutters (flat lines) or seams (steps along a line). */
function splits(p: Plane, cols: boolean): { at: number; gutter: [number, number] }[] {
  const n = cols ? p.w : p.h, len = cols ? p.h : p.w;
  const { v, w } = p;
  // Line i, element k: rows step along x (stride 1), columns along y (stride w).
  const [lineStride, along] = cols ? [1, w] : [w, 1];
  const flat: boolean[] = [];
  const step: number[] = [];
  const cover: number[] = [];
  for (let i = 0; i < n; i++) {
    const base = i * lineStride;
    let lo = Infinity, hi = -Infinity, sum = 0, c = 0;
    for (let k = 0, o = base; k < len; k++, o += along) {
      const x = v[o]!;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
      if (i > 0) {
        const d = Math.abs(x - v[o - lineStride]!);
        sum += d;
        if (d > SEAM_MIN_STEP) c++;
      }
    }
    flat.push(hi - lo <= GUTTER_SPREAD);
    step.push(sum / len);
    cover.push(c / len);
  }
  const out: { at: number; gutter: [number, number] }[] = [];
  const edge = Math.round(n * 0.08);
  // Gutters: runs of flat lines away from the edges with pictures (non-flat lines) on both sides.
  for (let i = edge; i < n - edge;) {
    if (!flat[i]) { i++; continue; }
    let j = i;
    while (j + 1 < n && flat[j + 1]) j++;
    // Wide runs too: tiles of clip art on white run their margins into the gutter.
    if (j < n - edge && j - i + 1 <= n * 0.4 && !flat[i - 1] && !flat[j + 1]) out.push({ at: (i + j + 1) / 2 / n, gutter: [i / n, (j + 1) / n] });
    i = j + 1;
  }
  // Seams: a line whose step stands far above its neighbourhood's and covers most of the line.
  const near = new Float64Array(14);
  for (let i = edge; i < n - edge; i++) {
    let m = 0;
    for (let k = i - 8; k <= i + 8; k++) if (Math.abs(k - i) > 1 && k > 0 && k < n) near[m++] = step[k]!;
    const usual = m ? median(near, m) : 0;
    if (step[i]! >= SEAM_MIN_STEP && step[i]! >= SEAM_RATIO * Math.max(usual, 2) && cover[i]! >= SEAM_COVERAGE &&
      step[i]! >= step[i - 1]! && step[i]! >= (step[i + 1] ?? 0) && !out.some((o) => Math.abs(o.at - i / n) < 0.05)) {
      out.push({ at: i / n, gutter: [i / n, i / n] });
    }
  }
  return out.sort((x, y) => x.at - y.at);
}

/** The element at the middle (the upper one of an even count) of the first `m` of `values`, which it sorts. */
function median(values: Float64Array, m: number): number {
  // Insertion sort: the fourteen steps near a line, where sorting an array with a comparator cost most of splits.
  for (let k = 1; k < m; k++) {
    const x = values[k]!;
    let j = k - 1;
    for (; j >= 0 && values[j]! > x; j--) values[j + 1] = values[j]!;
    values[j + 1] = x;
  }
  return values[m >> 1]!;
}

/** Splits that cut the axis into `k` near-equal parts (±4 % of the side), or null. */
function evenCut(found: { at: number; gutter: [number, number] }[], k: number): [number, number][] | null {
  const cuts: [number, number][] = [];
  for (let j = 1; j < k; j++) {
    const want = j / k;
    const hit = found.find((f) => Math.abs(f.at - want) <= 0.04 || (f.gutter[0] - 0.02 <= want && want <= f.gutter[1] + 0.02));
    if (!hit) return null;
    cuts.push(hit.gutter);
  }
  return cuts;
}

/** Trims flat lines (gutter colour, letterbox bars) off the edges of a tile. */
function trimFlat(p: Plane, box: Box): Box {
  const x0 = Math.round(box.x * p.w), x1 = Math.round((box.x + box.w) * p.w) - 1;
  const y0 = Math.round(box.y * p.h), y1 = Math.round((box.y + box.h) * p.h) - 1;
  let t = y0, b = y1, l = x0, r = x1;
  while (t < b && lineSpread(p, t, false, l, r) <= GUTTER_SPREAD) t++;
  while (b > t && lineSpread(p, b, false, l, r) <= GUTTER_SPREAD) b--;
  while (l < r && lineSpread(p, l, true, t, b) <= GUTTER_SPREAD) l++;
  while (r > l && lineSpread(p, r, true, t, b) <= GUTTER_SPREAD) r--;
  return { x: l / p.w, y: t / p.h, w: (r - l + 1) / p.w, h: (b - t + 1) / p.h };
}

// The finders' helpers are module functions, not closures made per call: in Chromium, closures made per picture were
// optimised again and again, each new closure after a major collection (--trace-opt over bench:perf's end-to-end
// scan: 10–60 compiles each in 300 pictures), their loops running cold until then.

/** Spread of row (or column, `cols`) i of a plane between from and to, both included. */
function lineSpread(p: Plane, i: number, cols: boolean, from: number, to: number): number {
  let lo = Infinity, hi = -Infinity;
  for (let k = from; k <= to; k++) { const v = cols ? p.v[k * p.w + i]! : p.v[i * p.w + k]!; lo = Math.min(lo, v); hi = Math.max(hi, v); }
  return hi - lo;
}

/**
 * The tiles of a collage: an even grid of 1–3 rows by 1–3 columns (not 1×1) whose every cut is a gutter or a
 * seam. Tiles come back in reading order, trimmed of flat edges; none when the picture is not a clear grid.
 */
export function collageTiles(src: Raster): Box[] {
  return collageGrid(src).map((t) => t.tile);
}

/** A collage's tile: trimmed of flat edges (`tile`), and the grid's cell it was trimmed from, gutters left out (`cell`). */
export interface GridTile { tile: Box; cell: Box }

/**
 * collageTiles with each tile's cell: a smooth picture's own edge rows are flat too (a plain ground, a dark sky), so
 * the trim may cut into the picture, which an embedding of the tile hardly minds but a look that lays the work over
 * the tile edge to edge does (zoom.ts pictureLook).
 */
export function collageGrid(src: Raster): GridTile[] {
  const p = plane(src);
  const trimmed = (cells: Box[]) => cells.map((cell) => ({ cell, tile: trimFlat(p, cell) })).filter(({ tile: t }) => t.w > 0.05 && t.h > 0.05);
  const tiles = trimmed(gridCells(p));
  // Only over fewer than six tiles (no grid, a row of strips, a 2 × 2): a grid of six or eight already has its cuts
  // where the seams are, which even thirds need not be (bench:quality, FAST: one 3×3 collage read as eight tiles
  // lost its match to thirds). Over a 2 × 2 the lines found, all four lines of thirds must step: with three, two
  // of the independently made set's 2 × 2 collages read as 3 × 3 (its thirds cross the middle of its tiles, and
  // an edge inside a tile may lie there).
  if (tiles.length >= 6) return tiles;
  if (isSegmentGrid(segmentSeams(p, 3), tiles.length === 4 ? 4 : 3)) return trimmed(evenCells(3));
  // And a gutterless 2 × 2 the line reading saw no cut of: halves cross a 3 × 3's middle row and column.
  if (tiles.length < 2 && isSegmentHalves(segmentSeams(p, 2))) return trimmed(evenCells(2));
  return tiles;
}

/**
 * A 九宫格 whose tiles meet without gutters, most of them clip art on white, shows a seam only where two tiles'
 * pictures meet, so neither a whole line nor a whole strip steps (splits, withStripCuts). Read per tile edge
 * (segmentSeams), a 3 × 3 grid is one whose cut lines step along five tile edges in all, `lines` of the four lines
 * at least: three where the lines read no grid or strips, as two white tiles beside each other on every row leave
 * a whole cut line without a seam. Measured (scratch, 2026-12-05/06) on an independently made set's two draws:
 * with all four lines asked, 12 of 16 of one draw's 3 × 3 collages that the lines read as no grid or as three
 * strips reach it; with three, two more (both missed before, then found), and of 4,486 other pictures (the set's
 * other reposts and negatives, corpus/art and corpus/style, 448 of bench:quality's package pictures) 8 more than
 * with four: a harp on a plain ground in three reposts, a tiled wallpaper, a flag of crossed bars, a traffic light,
 * a car seen from above, a drawing in corpus/style. Each costs nine embeddings; a match still has to come from a tile.
 */
const isSegmentGrid = (seams: number[], lines: number) => seams.filter((s) => s >= 1).length >= lines && seams.reduce((a, b) => a + b, 0) >= 5;

/**
 * A gutterless 2 × 2 read per tile edge (segmentSeams): each cut line steps along one of its two tile edges, the
 * two meeting at the middle (one tile unlike the rest, whose pictures run into each other: clip art on white).
 * Not a whole line and half of the other: that is a horizon with a post standing on it. Measured as above: two of
 * one draw's 2 × 2 collages, which the lines read as no grid, reach it (missed before, then found); of the 4,486
 * other pictures 8 do (five sticker posts, a tiled wallpaper, an arrow, a house), each four embeddings more.
 */
const isSegmentHalves = (seams: number[]) => seams.every((s) => s === 1);

/** A k × k grid of even cells, in reading order. */
function evenCells(k: number): Box[] {
  const cells: Box[] = [];
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) cells.push({ x: j / k, y: i / k, w: 1 / k, h: 1 / k });
  return cells;
}

/** How many of the gutters found along an axis (flat runs, not seams) are none of the grid's cuts there. */
const guttersLeft = (found: { gutter: [number, number] }[], cuts: [number, number][]) =>
  found.filter(({ gutter: g }) => g[0] < g[1] && !cuts.some((c) => c[0] === g[0] && c[1] === g[1])).length;

/** The cells of the even grid the cuts found make (gutters left out), in reading order; none when there is no grid. */
function gridCells(p: Plane): Box[] {
  const rowsFound = splits(p, false), colsFound = splits(p, true);
  let best: { rows: [number, number][]; cols: [number, number][] } | null = null;
  let bestLeft = Infinity;
  for (const r of [3, 2, 1]) {
    for (const c of [3, 2, 1]) {
      if (r * c < 2) continue;
      const rows = evenCut(rowsFound, r), cols = evenCut(colsFound, c);
      if (!rows || !cols) continue;
      // A gutter runs between pictures, never through one: the grid that leaves fewer gutters inside its tiles
      // first, then the one of more tiles (a 2 × 2 with a gutter across its middle and a flag's stripes near the
      // thirds is not three rows).
      const left = guttersLeft(rowsFound, rows) + guttersLeft(colsFound, cols);
      if (!best || left < bestLeft || (left === bestLeft && r * c > (best.rows.length + 1) * (best.cols.length + 1))) {
        best = { rows, cols };
        bestLeft = left;
      }
    }
  }
  if (!best) return [];
  // A gutterless grid of clip art on white shows its seams only between some tiles, so one axis can come out
  // uncut (a 3×3 read as three columns). The strips it did find are read one by one for the other axis's cuts,
  // when the axis found is sure evidence of a grid: two cuts, or a gutter (one seam may be a horizon, below).
  const found = best.rows.length ? best.rows : best.cols;
  if (!best.rows.length !== !best.cols.length && (found.length > 1 || found[0]![0] < found[0]![1])) best = withStripCuts(p, best);
  // A single cut is weak evidence on its own (a horizon, a panel edge): ask for a gutter there.
  const cuts = [...best.rows, ...best.cols];
  if (cuts.length === 1 && cuts[0]![0] === cuts[0]![1]) return [];
  const ys = [0, ...best.rows.flat(), 1], xs = [0, ...best.cols.flat(), 1];
  const cells: Box[] = [];
  for (let i = 0; i + 1 < ys.length; i += 2) {
    for (let j = 0; j + 1 < xs.length; j += 2) cells.push({ x: xs[j]!, y: ys[i]!, w: xs[j + 1]! - xs[j]!, h: ys[i + 1]! - ys[i]! });
  }
  return cells;
}

type Grid = { rows: [number, number][]; cols: [number, number][] };

/**
 * Seams a gutterless k × k grid shows tile by tile: for each of the 2(k−1) cut lines, the most of its k segments
 * (one per tile it separates) that step there, at the best position within ±2 % of the cut. Clip art on white
 * shows a seam only where a tile's picture meets its neighbour's (a white tile beside a white tile shows none), so
 * a line is read per segment rather than as a whole.
 */
function segmentSeams(p: Plane, k: number): number[] {
  const out: number[] = [];
  const near = new Float64Array(14);
  for (const cols of [false, true]) {
    const n = cols ? p.h : p.w, along = cols ? p.w : p.h;
    // Line i of this axis, position t along it: rows step along x (stride 1), columns along y (stride w).
    const { v } = p;
    const [lineStride, stride] = cols ? [1, p.w] : [p.w, 1];
    for (let j = 1; j < k; j++) {
      const centre = Math.round((j / k) * along), reach = Math.round(along * 0.02) + 1;
      let best = 0;
      for (let i = Math.max(9, centre - reach); i <= Math.min(along - 9, centre + reach); i++) {
        let seams = 0;
        for (let s = 0; s < k; s++) {
          // The segment's middle 80 %: a corner meets two tiles' edges at once.
          const from = Math.round(((s + 0.1) / k) * n), to = Math.round(((s + 0.9) / k) * n);
          const here = seamStep(v, lineStride, stride, i, from, to);
          if (here.step < SEAM_MIN_STEP || here.cover < SEGMENT_COVERAGE) continue;
          for (let d = 2; d <= 8; d++) { near[2 * d - 4] = seamStep(v, lineStride, stride, i - d, from, to).step; near[2 * d - 3] = seamStep(v, lineStride, stride, i + d, from, to).step; }
          if (here.step >= SEAM_RATIO * Math.max(median(near, near.length), 2)) seams++;
        }
        best = Math.max(best, seams);
      }
      out.push(best);
    }
  }
  return out;
}

/** The mean step across line i (from the line before it) between from and to, and the share of it above SEAM_MIN_STEP. */
function seamStep(v: Float32Array, lineStride: number, stride: number, i: number, from: number, to: number): { step: number; cover: number } {
  let sum = 0, c = 0;
  for (let t = from, o = i * lineStride + from * stride; t < to; t++, o += stride) {
    const d = Math.abs(v[o]! - v[o - lineStride]!);
    sum += d;
    if (d > SEAM_MIN_STEP) c++;
  }
  return { step: sum / (to - from), cover: c / (to - from) };
}

/** A tile edge steps along at least half its length (a whole line, SEAM_COVERAGE of it: one tile edge is less). */
const SEGMENT_COVERAGE = 0.5;

/**
 * A grid cut along one axis only (k strips) as a k × k grid, when one of its strips read alone splits evenly into
 * k along the other axis (a 九宫格 is square: k rows to k columns); otherwise the grid as it was.
 */
function withStripCuts(p: Plane, grid: Grid): Grid {
  const stripsAreCols = grid.cols.length > 0;
  const cuts = stripsAreCols ? grid.cols : grid.rows;
  const k = cuts.length + 1;
  const edges = [0, ...cuts.flat(), 1];
  for (let i = 0; i + 1 < edges.length; i += 2) {
    const from = Math.round(edges[i]! * (stripsAreCols ? p.w : p.h)), to = Math.round(edges[i + 1]! * (stripsAreCols ? p.w : p.h));
    if (to - from < 16) continue;
    // Seams only: a strip a third as wide as the picture has flat lines in any smooth picture, and a real gutter
    // would have crossed the whole picture and been found there.
    const seams = splits(strip(p, from, to, stripsAreCols), !stripsAreCols).filter((s) => s.gutter[0] === s.gutter[1]);
    const other = evenCut(seams, k);
    if (other) return stripsAreCols ? { rows: other, cols: grid.cols } : { rows: grid.rows, cols: other };
  }
  return grid;
}

/** Columns (or rows) from..to of a plane, as a plane of their own. */
function strip(p: Plane, from: number, to: number, cols: boolean): Plane {
  const w = cols ? to - from : p.w, h = cols ? p.h : to - from;
  const v = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const src = (cols ? y : y + from) * p.w + (cols ? from : 0);
    v.set(p.v.subarray(src, src + w), y * w);
  }
  return { v, w, h };
}

// ---------- rectangles framed by edges ----------

const EDGE = 16;
/** Smallest rectangle worth an embedding (a chat thumbnail on a phone screenshot is ~4 % of the screen). */
const MIN_AREA = 0.035;
const MIN_RUN = 0.18;

interface Segment { at: number; from: number; to: number }

/**
 * Runs of strong steps across lines (rows, or columns), at least MIN_RUN of the length, one per edge. A run may
 * bridge short gaps (where the picture's edge happens to match the background) if most of it steps.
 */
function segments(p: Plane, cols: boolean): Segment[] {
  const n = cols ? p.w : p.h, len = cols ? p.h : p.w;
  const runs: (Segment & { hits: number })[] = [];
  // Line i, element k: rows step along x (stride 1), columns along y (stride w).
  const { v } = p;
  const [lineStride, stride] = cols ? [1, p.w] : [p.w, 1];
  const maxGap = Math.max(2, Math.round(len * 0.03));
  for (let i = 1; i < n - 1; i++) {
    let start = -1, last = -1, hits = 0;
    const close = () => {
      if (start >= 0 && last - start + 1 >= MIN_RUN * len && hits >= 0.7 * (last - start + 1)) runs.push({ at: i, from: start, to: last, hits });
      start = -1;
      hits = 0;
    };
    for (let k = 0, o = i * lineStride; k < len; k++, o += stride) {
      if (Math.abs(v[o + lineStride]! - v[o - lineStride]!) <= EDGE) continue;
      if (start >= 0 && k - last > maxGap) close();
      if (start < 0) start = k;
      last = k;
      hits++;
    }
    close();
  }
  // Non-maximum suppression: an edge blurred over two lines yields two runs; keep the one with more steps.
  return runs.filter((s) => !runs.some((o) => Math.abs(o.at - s.at) === 1 && o.hits > s.hits && o.from <= s.to && s.from <= o.to));
}

/** Share of the lines between `from` and `to` that step across position `at` (±1) — a rectangle's side. */
function support(p: Plane, cols: boolean, at: number, from: number, to: number): number {
  const n = cols ? p.w : p.h;
  if (at <= 1 || at >= n - 2) return 1; // the picture's own border
  let hit = 0;
  for (let k = from; k <= to; k++) {
    let strong = false;
    for (let d = -1; d <= 1 && !strong; d++) {
      const i = at + d;
      if (i < 1 || i >= n - 1) continue;
      const v = cols ? Math.abs(p.v[k * p.w + i + 1]! - p.v[k * p.w + i - 1]!) : Math.abs(p.v[(i + 1) * p.w + k]! - p.v[(i - 1) * p.w + k]!);
      strong = v > EDGE;
    }
    if (strong) hit++;
  }
  return hit / Math.max(1, to - from + 1);
}

/**
 * Rectangles outlined by edges (or by the picture's border on up to two sides): the picture inside a frame or
 * a mat, between caption bars, a thumbnail in a chat, a card's picture. Largest first, at most `max`.
 */
export function framedRects(src: Raster, max = 2, minSide = 0.12): Box[] {
  const p = plane(src);
  const hs = segments(p, false);
  // The border as virtual edges, so a picture running to the edge (caption bars above and below) is found.
  hs.push({ at: 0, from: 0, to: p.w - 1 }, { at: p.h - 1, from: 0, to: p.w - 1 });
  const tol = Math.max(3, Math.round(p.w * 0.02));
  const found: { box: Box; score: number; support: number }[] = [];
  for (const top of hs) {
    for (const bottom of hs) {
      if (bottom.at - top.at < minSide * p.h) continue;
      // Top and bottom edges should span the same columns; where one runs on (into an avatar or a bubble
      // on the same line), the side found must then be a clear edge of its own.
      const left = Math.max(top.from, bottom.from), right = Math.min(top.to, bottom.to);
      const looseL = Math.abs(top.from - bottom.from) > tol, looseR = Math.abs(top.to - bottom.to) > tol;
      if (right - left < minSide * p.w) continue;
      const borders = (top.at === 0 ? 1 : 0) + (bottom.at === p.h - 1 ? 1 : 0) + (left <= 1 ? 1 : 0) + (right >= p.w - 2 ? 1 : 0);
      // Three sides on the border: only a caption bar above or below, cut off by one edge all across.
      const bar = top.at === 0 ? 1 - bottom.at / p.h : top.at / p.h;
      const across = (top.at === 0 ? bottom : top);
      if (borders > 3 || (borders === 3 && !(left <= 1 && right >= p.w - 2 && across.to - across.from >= 0.97 * p.w && bar >= 0.04 && bar <= 0.3))) continue;
      const sl = support(p, true, left, top.at + 2, bottom.at - 2), sr = support(p, true, right, top.at + 2, bottom.at - 2);
      if (Math.min(sl, sr) < 0.6 || (looseL && sl < 0.8) || (looseR && sr < 0.8)) continue;
      const box = { x: (left + 1) / p.w, y: (top.at + 1) / p.h, w: (right - left - 1) / p.w, h: (bottom.at - top.at - 1) / p.h };
      const area = box.w * box.h;
      if (area < MIN_AREA || area > 0.9) continue;
      found.push({ box, score: area * Math.min(sl, sr), support: Math.min(sl, sr) });
    }
  }
  // A frame drawn inside a mat, a shadow, a card: of two nested rectangles the inner one is the picture.
  const inside = (a: Box, b: Box) => b.x >= a.x - 0.005 && b.y >= a.y - 0.005 && b.x + b.w <= a.x + a.w + 0.005 && b.y + b.h <= a.y + a.h + 0.005;
  const kept = found.filter((f) => !found.some((g) => g !== f && g.support >= 0.7 && inside(f.box, g.box) && g.box.w * g.box.h >= 0.5 * f.box.w * f.box.h && iou(f.box, g.box) < 0.97));
  kept.sort((a, b) => b.score - a.score);
  const out: Box[] = [];
  for (const f of kept) {
    if (out.length >= max) break;
    if (!out.some((o) => iou(o, f.box) > 0.7)) out.push(f.box);
  }
  return out;
}

// ---------- pictures on a plain page (chat screenshots) ----------

/** Colour distance (largest channel step) beyond which a pixel is not the page: JPEG noise stays under it. */
const PAGE_TOLERANCE = 16;
/** The page colour must cover this share of the screenshot, or there is no page to find pictures on. */
const PAGE_SHARE = 0.3;
/** A picture's box is at least this fraction of the screenshot's width on its short side (bubbles, avatars and
 *  input fields are ~0.09), fills this share of its box, and is not flat (a card or a bar of one colour). */
const PICTURE_MIN_SIDE = 0.15;
const PICTURE_FILL = 0.6;
const PICTURE_MIN_SPREAD = 10;

/** A colour at 4 bits a channel: the bins a page's or a bubble's colour is counted in, JPEG noise and all. */
const colourBin = (data: Raster['data'], o: number) => ((data[o]! >> 4) << 8) | ((data[o + 1]! >> 4) << 4) | (data[o + 2]! >> 4);

/** Pixel indices `from`, `from + step`, … below `to`. */
type Runs = (run: (from: number, to: number, step: number) => void) => void;

/**
 * The most common colour among the pixels of the `runs` (indices into the raster): its bin at 4 bits a channel,
 * then the mean of the pixels in that bin at full precision. Read by runs, not a call a pixel: the whole
 * screenshot is one (pictureBoxes).
 */
function modeColour(data: Raster['data'], C: number, runs: Runs): number[] {
  const hist = new Uint32Array(4096);
  runs((from, to, step) => {
    for (let i = from; i < to; i += step) hist[colourBin(data, i * C)]!++;
  });
  let mode = 0;
  for (let b = 1; b < 4096; b++) if (hist[b]! > hist[mode]!) mode = b;
  const sum = [0, 0, 0];
  let count = 0;
  runs((from, to, step) => {
    for (let i = from, o = from * C; i < to; i += step, o += step * C) {
      if (colourBin(data, o) !== mode) continue;
      sum[0]! += data[o]!; sum[1]! += data[o + 1]!; sum[2]! += data[o + 2]!;
      count++;
    }
  });
  return sum.map((v) => v / count);
}

/**
 * Pictures pasted on a plain page: a chat thumbnail beside an avatar, a card's picture among text bubbles. The
 * page colour is the screenshot's most common colour; every connected patch that differs from it is a thing on
 * the page, and the large, solid, textured ones are pictures. Unlike edge-outlined rectangles (framedRects) this
 * needs no edge all round, and unlike row runs (objectBoxes) an avatar on the same rows stays apart. Reads the
 * analysis raster (a thumbnail is ~100 px wide there; the overview would leave it ~60). Largest first.
 */
export function pictureBoxes(src: Raster, max = 2): Box[] {
  const { width: w, height: h, channels: C, data } = src;
  const n = w * h;
  // The page: the most common colour at 4 bits a channel, then its mean at full precision.
  const page = modeColour(data, C, (run) => run(0, n, 1));
  const off = OFF_PAGE.zeroed(n);
  let onPage = 0;
  for (let i = 0, o = 0; i < n; i++, o += C) {
    const d = Math.max(Math.abs(data[o]! - page[0]!), Math.abs(data[o + 1]! - page[1]!), Math.abs(data[o + 2]! - page[2]!));
    if (d > PAGE_TOLERANCE) off[i] = 1;
    else onPage++;
  }
  if (onPage < PAGE_SHARE * n) return [];
  // Luma only where a patch is, not of the whole screenshot (the analysis raster, several overviews large): as
  // luma() has it, a float32 of the same sum.
  const lumaAt = (o: number) => Math.fround(0.299 * data[o]! + 0.587 * data[o + 1]! + 0.114 * data[o + 2]!);
  const minSide = PICTURE_MIN_SIDE * Math.min(w, h);
  const queue = QUEUE.take(n);
  const found: { box: Box; area: number }[] = [];
  for (let s = 0; s < n; s++) {
    if (off[s] !== 1) continue;
    // Flood the patch (4-connected), marking it 2, with its box and luma spread.
    let head = 0, tail = 0, x0 = w, y0 = h, x1 = -1, y1 = -1, lo = Infinity, hi = -Infinity;
    queue[tail++] = s;
    off[s] = 2;
    while (head < tail) {
      const i = queue[head++]!;
      const x = i % w, r = (i - x) / w;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (r < y0) y0 = r;
      if (r > y1) y1 = r;
      const v = lumaAt(i * C);
      if (v < lo) lo = v;
      if (v > hi) hi = v;
      if (x > 0 && off[i - 1] === 1) { off[i - 1] = 2; queue[tail++] = i - 1; }
      if (x < w - 1 && off[i + 1] === 1) { off[i + 1] = 2; queue[tail++] = i + 1; }
      if (i >= w && off[i - w] === 1) { off[i - w] = 2; queue[tail++] = i - w; }
      if (i + w < n && off[i + w] === 1) { off[i + w] = 2; queue[tail++] = i + w; }
    }
    const bw = x1 - x0 + 1, bh = y1 - y0 + 1;
    if (bw < minSide || bh < minSide || tail < PICTURE_FILL * bw * bh || hi - lo < PICTURE_MIN_SPREAD) continue;
    const box = { x: x0 / w, y: y0 / h, w: bw / w, h: bh / h };
    if (box.w * box.h > 0.9) continue;
    found.push({ box, area: bw * bh });
  }
  return found.sort((a, b) => b.area - a.area).slice(0, max).map((f) => f.box);
}

/** A row or column of a bubble's padding: this share of it within BUBBLE_TOLERANCE of the bubble's colour. */
const PADDING_SHARE = 0.85;
/**
 * Wider than PAGE_TOLERANCE: a bubble's rim is a few pixels of antialiasing and JPEG ringing against the page and
 * the picture (independent set's chat screenshots: 16 found 76 of 80, 24 found 78).
 */
const BUBBLE_TOLERANCE = 24;

/**
 * The picture inside a chat bubble: a box found as a patch off the page is the bubble, with its padding and often a
 * time stamp ("12:02") under the picture. The bubble's colour is the most common colour of the box's outline; rows
 * and columns that are mostly that colour are peeled off each side (small text leaves a row mostly bubble), so what
 * is left is the picture. The box itself when nothing peels or too little would be left.
 */
export function peelBubble(src: Raster, box: Box): Box {
  const { width: w, height: h, channels: C, data } = src;
  let x0 = Math.max(0, Math.round(box.x * w)), y0 = Math.max(0, Math.round(box.y * h));
  let x1 = Math.min(w - 1, Math.round((box.x + box.w) * w) - 1), y1 = Math.min(h - 1, Math.round((box.y + box.h) * h) - 1);
  if (x1 - x0 < 8 || y1 - y0 < 8) return box;
  // The outline, each pixel once (corners included).
  const colour = modeColour(data, C, (run) => {
    run(y0 * w + x0, y0 * w + x1 + 1, 1);
    run(y1 * w + x0, y1 * w + x1 + 1, 1);
    run((y0 + 1) * w + x0, y1 * w + x0, w);
    run((y0 + 1) * w + x1, y1 * w + x1, w);
  });
  const isBubble = (x: number, y: number) => {
    const o = (y * w + x) * C;
    return Math.max(Math.abs(data[o]! - colour[0]!), Math.abs(data[o + 1]! - colour[1]!), Math.abs(data[o + 2]! - colour[2]!)) <= BUBBLE_TOLERANCE;
  };
  const rowPadding = (y: number) => { let c = 0; for (let x = x0; x <= x1; x++) if (isBubble(x, y)) c++; return c >= PADDING_SHARE * (x1 - x0 + 1); };
  const colPadding = (x: number) => { let c = 0; for (let y = y0; y <= y1; y++) if (isBubble(x, y)) c++; return c >= PADDING_SHARE * (y1 - y0 + 1); };
  const [ox0, oy0, ox1, oy1] = [x0, y0, x1, y1];
  // Rows first (a time stamp spans the rows under the picture), then columns over the rows left, then rows again.
  for (let pass = 0; pass < 2; pass++) {
    while (y0 < y1 && rowPadding(y0)) y0++;
    while (y1 > y0 && rowPadding(y1)) y1--;
    while (x0 < x1 && colPadding(x0)) x0++;
    while (x1 > x0 && colPadding(x1)) x1--;
  }
  if ((x1 - x0 + 1) < 0.4 * (ox1 - ox0 + 1) || (y1 - y0 + 1) < 0.4 * (oy1 - oy0 + 1)) return box;
  return { x: x0 / w, y: y0 / h, w: (x1 - x0 + 1) / w, h: (y1 - y0 + 1) / h };
}

export function iou(a: Box, b: Box): number {
  const x = Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x));
  const y = Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
  const i = x * y;
  return i / (a.w * a.h + b.w * b.h - i);
}

// ---------- a picture turned by a few degrees, its corners filled ----------

const MIN_TILT = 2;
const MAX_TILT = 14;

/**
 * The four corner triangles a tilt leaves (filled with one colour, or with a smooth blur): from each corner, how
 * far the fill runs along the top/bottom row and down/up the side column. Their hypotenuses lie on the sides of
 * the turned picture, so two of them fix each side; all four must agree on the angle. Returns the turned
 * picture's corners in fractions of the image (they may lie outside it when the tilt cut them off), or null.
 * `aspect` is the picture's width / height when `src` is a squeezed overview of it.
 */
export function tiltQuad(src: Raster, aspect = src.width / src.height): Quad | null {
  // Only the eight runs from the corners are read: luma on demand, not of the whole raster.
  const { width: w, height: h, channels: C, data } = src;
  return tiltOf((x, y) => {
    const o = (y * w + x) * C;
    return 0.299 * data[o]! + 0.587 * data[o + 1]! + 0.114 * data[o + 2]!;
  }, w, h, aspect);
}

/** tiltQuad of a grey plane in its own proportions (the second stage's, zoom.ts tiltLook). */
export function greyTiltQuad(p: { data: ArrayLike<number>; width: number; height: number }): Quad | null {
  return tiltOf((x, y) => p.data[y * p.width + x]!, p.width, p.height, p.width / p.height);
}

/** How far a fill runs from (x0, y0) by (dx, dy), at most n − 1 steps: near the corner's value and smooth. */
function fillRun(px: (x: number, y: number) => number, x0: number, y0: number, dx: number, dy: number, n: number): number {
  const ref = px(x0, y0);
  let k = 0;
  for (; k < n - 1; k++) {
    const x = x0 + dx * (k + 1), y = y0 + dy * (k + 1);
    const here = px(x, y);
    // A blurred fill drifts slowly (tens of levels across a side) but never steps; the picture's edge steps.
    if (Math.abs(here - ref) > 40 || Math.abs(here - px(x - dx, y - dy)) > 3) break;
  }
  return k;
}

/** tiltQuad of a picture read through `px` (its luma at a pixel). */
function tiltOf(px: (x: number, y: number) => number, w: number, h: number, aspect: number): Quad | null {
  // Fill along a line from a corner: near the corner's value and smooth (small steps) — one colour or a blur.
  const corners = [
    { x: 0, y: 0, sx: 1, sy: 1 }, { x: w - 1, y: 0, sx: -1, sy: 1 },
    { x: w - 1, y: h - 1, sx: -1, sy: -1 }, { x: 0, y: h - 1, sx: 1, sy: -1 },
  ];
  const legs = corners.map((c) => ({ c, a: fillRun(px, c.x, c.y, c.sx, 0, w), b: fillRun(px, c.x, c.y, 0, c.sy, h) }));
  // Each triangle: legs a (along the row) and b (along the column); the angle is atan(short/long) in pixels.
  const angles: number[] = [];
  for (const { a, b } of legs) {
    // A leg along a whole side is a plain border, not a tilt.
    if (a < 3 || b < 3 || a > 0.985 * w || b > 0.985 * h) return null;
    // In the picture's own proportions: the overview may be squeezed to a square.
    const ar = (a / w) * aspect, br = b / h;
    angles.push((Math.atan(Math.min(ar, br) / Math.max(ar, br)) * 180) / Math.PI);
  }
  const mean = angles.reduce((s, x) => s + x, 0) / 4;
  if (mean < MIN_TILT || mean > MAX_TILT || angles.some((x) => Math.abs(x - mean) > 2.5)) return null;
  // One turn direction makes the long legs run along rows at the top-left and bottom-right corners.
  const rowLong = legs.map((l) => (l.a / w) * aspect > l.b / h);
  if (!(rowLong[0] === rowLong[2] && rowLong[1] === rowLong[3] && rowLong[0] !== rowLong[1])) return null;
  // Hypotenuse of each corner: from its end on the row to its end on the column.
  const hyp = legs.map(({ c, a, b }): [Point, Point] => [{ x: c.x + c.sx * a, y: c.y }, { x: c.x, y: c.y + c.sy * b }]);
  // The picture's side through each hypotenuse; adjacent sides meet at the picture's corners.
  const meet = (l1: [Point, Point], l2: [Point, Point]): Point | null => {
    const [p1, p2] = l1, [p3, p4] = l2;
    const d = (p1.x - p2.x) * (p3.y - p4.y) - (p1.y - p2.y) * (p3.x - p4.x);
    if (Math.abs(d) < 1e-6) return null;
    const t = ((p1.x - p3.x) * (p3.y - p4.y) - (p1.y - p3.y) * (p3.x - p4.x)) / d;
    return { x: p1.x + t * (p2.x - p1.x), y: p1.y + t * (p2.y - p1.y) };
  };
  const pts = [meet(hyp[0]!, hyp[1]!), meet(hyp[1]!, hyp[2]!), meet(hyp[2]!, hyp[3]!), meet(hyp[3]!, hyp[0]!)];
  if (pts.some((q) => !q)) return null;
  // Corners in order TL, TR, BR, BL of the turned picture: the one nearest each image corner.
  const ordered = corners.map((c) => pts.reduce((best, q) => (Math.hypot(q!.x - c.x, q!.y - c.y) < Math.hypot(best!.x - c.x, best!.y - c.y) ? q : best))!);
  if (new Set(ordered).size !== 4) return null;
  return ordered.map((q) => ({ x: (q.x + 0.5) / w, y: (q.y + 0.5) / h })) as Quad;
}

// ---------- a photo of a screen ----------

/** Share of the picture's outer ring that must be dark for it to be a screen photographed in a dim room. */
const SURROUND = 0.04;
/**
 * Smallest lit region taken for a screen, as a share of the photo. A landscape work letterboxed on an upright
 * phone lights only its own band between the black bars: ~4–8 % of the photo (bench:quality screen-photo, 9:19.5
 * panels). At 15 % those went unfound; at 3 % they are found (the second stage then zooms in on them, zoom.ts)
 * with no false match more.
 */
const MIN_LIT = 0.03;

/**
 * The lit screen in a photo of one: a bright, four-cornered region inside a dark surround (the room and the
 * device's bezel); on a letterboxed screen, the lit picture between its black bars. Its corners are the extreme
 * points along the diagonals; the region must fill most of the quadrilateral they make (a screen is convex, a lamp
 * or a face on a dark ground is not so square). Returns the corners in fractions of the image, or null.
 */
export function screenQuad(src: Raster): Quad | null {
  return once(foundScreens.lit, src, litScreenQuad);
}

/**
 * A finder's answer per overview, kept while the overview lives: the fast stage asks the finders for its regions
 * (regions.ts) and again for the screen view its screens are read in (prepare.ts), of the same overview.
 */
const foundScreens = { lit: new WeakMap<Raster, Quad | null>(), bezel: new WeakMap<Raster, Quad | null>() };
function once(kept: WeakMap<Raster, Quad | null>, src: Raster, find: (src: Raster) => Quad | null): Quad | null {
  if (kept.has(src)) return kept.get(src)!;
  const q = find(src);
  kept.set(src, q);
  return q;
}

function litScreenQuad(src: Raster): Quad | null {
  const p = plane(src);
  const { w, h, v } = p;
  const m = Math.max(2, Math.round(Math.min(w, h) * SURROUND));
  const ring = new Float32Array(w * h - Math.max(0, w - 2 * m) * Math.max(0, h - 2 * m));
  let k = 0;
  for (let y = 0; y < h; y++) {
    // Whole rows at the top and the bottom; of the rows between, their ends (x jumps over the middle).
    const between = y >= m && y < h - m && w > 2 * m;
    for (let x = 0; x < w; x++) {
      if (between && x === m) x = w - m;
      ring[k++] = v[y * w + x]!;
    }
  }
  const p90 = ranked(ring, Math.floor(ring.length * 0.9));
  if (ranked(ring, ring.length >> 1) > 80 || p90 > 110) return null;
  const t = p90 + 12;
  const lit = LIT.take(v.length);
  for (let i = 0; i < v.length; i++) lit[i] = v[i]! > t ? 1 : 0;
  return componentQuad(p, lit, false, MIN_LIT);
}

/**
 * The value of rank `k` (0-based, ascending) among `values`, which it reorders: a quickselect, where sorting the
 * whole ring was most of litScreenQuad's time.
 */
function ranked(values: Float32Array, k: number): number {
  let lo = 0, hi = values.length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1]!;
    let i = lo, j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i++] = values[j]!;
        values[j--] = t;
      }
    }
    // [lo, j] holds values up to the pivot, [i, hi] values from it, and anything between equals it.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k]!;
  }
  return values[k]!;
}

/**
 * Luma under which a pixel may be a device's bezel or a letterbox bar, tried in turn. Bezels are 5–35, but at the
 * overview's 224 px a phone's 2 px bezel is blurred with the screen and the room to 40–90, and a dark wallpaper
 * on the screen sinks below 48; bench:quality screen-photo: with 48 alone the screen went unfound in 24 of 33
 * misses, of which these levels find 17.
 */
const BEZEL_DARK = [48, 64, 80, 100, 32] as const;
const BEZEL_BRIGHTEST_FIRST = [...BEZEL_DARK].sort((a, b) => b - a);
/** For each whole luma, the first level (brightest first) it reaches, or the number of levels when none. */
const BAND_OF = Uint8Array.from({ length: 256 }, (_, l) => {
  const b = BEZEL_BRIGHTEST_FIRST.findIndex((dark) => l >= dark);
  return b < 0 ? BEZEL_BRIGHTEST_FIRST.length : b;
});
/** Share of the picture a bezel's screen covers at least. */
const MIN_SCREEN = 0.04;

/**
 * A photographed screen whose room is not dark (a lit wall, a desk, another picture behind): the screen is then
 * what the device's dark bezel encloses. The largest patch of not-dark pixels that does not reach the picture's
 * edge and fills most of its four-cornered hull. A letterboxed picture (a landscape work on an upright phone)
 * comes out as the picture itself, since its black bars join the bezel. Returns corners in fractions, or null.
 */
export function bezelQuad(src: Raster): Quad | null {
  return once(foundScreens.bezel, src, bezelQuadOf);
}

function bezelQuadOf(src: Raster): Quad | null {
  const p = plane(src);
  const { w, h, v } = p;
  const n = w * h;
  // The levels' masks are nested (a brighter level's lit pixels are lit at every darker one), so one union-find
  // pass adds the pixels level by level, brightest first, instead of labelling the picture five times over.
  const uf = new Components(w, h);
  const scratch = newScratch(n);
  const quads = new Map<number, Quad | null>();
  // Each pixel once, by the brightest level that lets it in (a counting sort): five passes over the picture were
  // most of this finder's time. Components do not depend on the order pixels join in.
  const levels = BEZEL_BRIGHTEST_FIRST.length;
  const band = BAND.take(n);
  const starts = new Int32Array(levels + 2);
  for (let i = 0; i < n; i++) {
    const x = v[i]!;
    // The levels are integers: a luma of 47.9 is below 48 as its floor is.
    const b = x >= 255 ? 0 : BAND_OF[x < 0 ? 0 : x | 0]!;
    band[i] = b;
    starts[b + 1]!++;
  }
  for (let b = 1; b <= levels + 1; b++) starts[b]! += starts[b - 1]!;
  const order = ORDER.take(n);
  const fill = starts.slice(0, levels + 1);
  for (let i = 0; i < n; i++) order[fill[band[i]!]!++] = i;
  for (let b = 0; b < levels; b++) {
    const dark = BEZEL_BRIGHTEST_FIRST[b]!;
    // A band's pixels come in raster order (the sort is stable), so their rows are counted rather than divided out.
    for (let k = starts[b]!, y = 0, row = 0; k < starts[b + 1]!; k++) {
      const i = order[k]!;
      while (i >= row + w) { row += w; y++; }
      uf.add(i, i - row, y);
    }
    const best = uf.largestEnclosed();
    // Filled, a component spans at most its bounding box: most feed pictures have only small enclosed patches,
    // which cannot pass, so their labelling and hole filling are skipped.
    const fits = best >= 0 && uf.boxArea(best) >= MIN_SCREEN * n;
    const shape = fits ? componentShape(p, uf.labels(best, scratch.label), uf.first[best]!, uf.size[best]!, MIN_SCREEN, scratch, uf.box(best)) : null;
    quads.set(dark, shape?.quad ?? null);
  }
  let best: { quad: Quad; area: number } | null = null;
  for (const dark of BEZEL_DARK) {
    const quad = quads.get(dark) ?? null;
    const area = quad ? quadArea(quad) : 0;
    // The largest screen any level finds: a higher level may keep only the screen's brightest part.
    if (quad && (!best || area > best.area * 1.05)) best = { quad, area };
  }
  return best?.quad ?? null;
}

/**
 * 4-connected components of a growing set of pixels (union-find by size, with path halving), each root keeping
 * its size, bounding box and first pixel in raster order (what the breadth-first labelling of componentQuad names
 * a component by, so both pick the same one among equals).
 */
class Components {
  readonly parent: Int32Array;
  readonly size: Int32Array;
  readonly first: Int32Array;
  private readonly x0: Int32Array;
  private readonly x1: Int32Array;
  private readonly y0: Int32Array;
  private readonly y1: Int32Array;

  constructor(private readonly w: number, private readonly h: number) {
    const n = w * h;
    // Only `parent` is read before it is written (-1: not added); the rest are a root's, set when it becomes one.
    this.parent = UF_PARENT.take(n).fill(-1);
    this.size = UF_SIZE.take(n);
    this.first = UF_FIRST.take(n);
    this.x0 = UF_X0.take(n);
    this.x1 = UF_X1.take(n);
    this.y0 = UF_Y0.take(n);
    this.y1 = UF_Y1.take(n);
  }

  find(i: number): number {
    const p = this.parent;
    while (p[i] !== i) {
      p[i] = p[p[i]!]!;
      i = p[i]!;
    }
    return i;
  }

  /** The pixel added last and its root then, which is still a root when the next pixel is added. */
  private last = -1;
  private lastRoot = -1;

  /** Adds pixel i (at x, y), joined to its neighbours already in the set (later ones join it when they are added). */
  add(i: number, x: number, y: number): void {
    const { w, h, parent } = this;
    // Most pixels join a component their left or upper neighbour is in: hang them straight under its root rather
    // than making each a root of its own first (this finder visits every pixel of the overview). The left one is
    // most often the pixel added just before, whose root needs no finding; and the upper one is in the left one's
    // component already when the pixel between them (above the left one) is in the set too.
    let r = -1;
    if (x > 0 && parent[i - 1] !== -1) r = this.join(i, x, y, r, i - 1 === this.last ? this.lastRoot : this.find(i - 1));
    if (y > 0 && parent[i - w] !== -1 && !(r >= 0 && parent[i - w - 1] !== -1)) r = this.join(i, x, y, r, this.find(i - w));
    if (x < w - 1 && parent[i + 1] !== -1) r = this.join(i, x, y, r, this.find(i + 1));
    if (y < h - 1 && parent[i + w] !== -1) r = this.join(i, x, y, r, this.find(i + w));
    if (r < 0) {
      parent[i] = r = i;
      this.size[i] = 1;
      this.first[i] = i;
      this.x0[i] = this.x1[i] = x;
      this.y0[i] = this.y1[i] = y;
      this.fresh.push(i);
    }
    this.last = i;
    this.lastRoot = r;
  }

  /** Pixel i (at x, y), hung under root r so far (-1: not yet), meets a neighbour of root `to`: the root of i afterwards. */
  private join(i: number, x: number, y: number, r: number, to: number): number {
    if (r >= 0) return this.union(r, to);
    r = to;
    this.parent[i] = r;
    this.size[r]!++;
    if (i < this.first[r]!) this.first[r] = i;
    if (x < this.x0[r]!) this.x0[r] = x;
    if (x > this.x1[r]!) this.x1[r] = x;
    if (y < this.y0[r]!) this.y0[r] = y;
    if (y > this.y1[r]!) this.y1[r] = y;
    return r;
  }

  /** Joins the components of a and b; returns the root of the result. */
  private union(a: number, b: number): number {
    let ra = this.find(a), rb = this.find(b);
    if (ra === rb) return ra;
    if (this.size[ra]! < this.size[rb]!) { const t = ra; ra = rb; rb = t; }
    this.parent[rb] = ra;
    this.size[ra]! += this.size[rb]!;
    this.first[ra] = Math.min(this.first[ra]!, this.first[rb]!);
    this.x0[ra] = Math.min(this.x0[ra]!, this.x0[rb]!);
    this.x1[ra] = Math.max(this.x1[ra]!, this.x1[rb]!);
    this.y0[ra] = Math.min(this.y0[ra]!, this.y0[rb]!);
    this.y1[ra] = Math.max(this.y1[ra]!, this.y1[rb]!);
    return ra;
  }

  /**
   * Roots as of the last largestEnclosed, and pixels added since as roots of their own: every root now is one of
   * them (a union keeps one of its two roots), so only these are visited, not the picture.
   */
  private roots: number[] = [];
  private fresh: number[] = [];

  /** The root of the largest component that does not touch the border (the first in raster order among equals), or -1. */
  largestEnclosed(): number {
    const { w, h } = this;
    let best = -1;
    const roots: number[] = [];
    const visit = (i: number) => {
      if (this.parent[i] !== i) return;
      roots.push(i);
      if (this.x0[i] === 0 || this.y0[i] === 0 || this.x1[i] === w - 1 || this.y1[i] === h - 1) return;
      if (best < 0 || this.size[i]! > this.size[best]! || (this.size[i] === this.size[best] && this.first[i]! < this.first[best]!)) best = i;
    };
    for (const i of this.roots) visit(i);
    for (const i of this.fresh) visit(i);
    this.roots = roots;
    this.fresh = [];
    return best;
  }

  boxArea(root: number): number {
    return (this.x1[root]! - this.x0[root]! + 1) * (this.y1[root]! - this.y0[root]! + 1);
  }

  box(root: number): Bounds {
    return { x0: this.x0[root]!, y0: this.y0[root]!, x1: this.x1[root]!, y1: this.y1[root]! };
  }

  /**
   * `out` labelled as componentShape reads it, within the component's box (all it reads): the component's first
   * pixel on its pixels, -1 elsewhere.
   */
  labels(root: number, out: Int32Array): Int32Array {
    const id = this.first[root]!, { x0, y0, x1, y1 } = this.box(root);
    for (let y = y0; y <= y1; y++) {
      for (let i = y * this.w + x0, end = y * this.w + x1; i <= end; i++) out[i] = this.parent[i] !== -1 && this.find(i) === root ? id : -1;
    }
    return out;
  }
}

/** Area of a quadrilateral (any unit), whichever way its corners run. */
const quadArea = (q: Quad): number => Math.abs(signedArea(q));

interface Scratch { label: Int32Array; queue: Int32Array; outside: Uint8Array }
// Each user fills what it reads first (label with -1, outside before spreading it; the queue is written ahead of its reads).
const newScratch = (n: number): Scratch => ({ label: LABEL.take(n), queue: QUEUE.take(n), outside: OUTSIDE.take(n) });

/**
 * The largest 4-connected component of pixels that pass `inside` (optionally only components that do not touch
 * the border), as the quadrilateral of its extreme points along the diagonals, when the component fills most of
 * it, spans at least `minArea` of the picture (and at most 85 %), and leaves a surround on every side.
 */
function componentQuad(p: Plane, inside: Uint8Array, enclosed: boolean, minArea: number, scratch = newScratch(p.w * p.h)): Quad | null {
  const { w, h } = p;
  const n = w * h;
  const { label, queue } = scratch;
  label.fill(-1);
  let best = -1, bestSize = 0, bestBox: Bounds | null = null;
  for (let s = 0; s < n; s++) {
    if (label[s] !== -1 || !inside[s]) continue;
    let head = 0, tail = 0, size = 0, edge = false;
    let x0 = w, x1 = -1, y0 = h, y1 = -1;
    queue[tail++] = s;
    label[s] = s;
    while (head < tail) {
      const i = queue[head++]!;
      size++;
      const y = (i / w) | 0, x = i - y * w;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      if (x > 0 && label[i - 1] === -1 && inside[i - 1]) { label[i - 1] = s; queue[tail++] = i - 1; }
      if (x < w - 1 && label[i + 1] === -1 && inside[i + 1]) { label[i + 1] = s; queue[tail++] = i + 1; }
      if (y > 0 && label[i - w] === -1 && inside[i - w]) { label[i - w] = s; queue[tail++] = i - w; }
      if (y < h - 1 && label[i + w] === -1 && inside[i + w]) { label[i + w] = s; queue[tail++] = i + w; }
    }
    edge = x0 === 0 || y0 === 0 || x1 === w - 1 || y1 === h - 1;
    if (enclosed && edge) continue;
    if (size > bestSize) { bestSize = size; best = s; bestBox = { x0, y0, x1, y1 }; }
  }
  return best < 0 ? null : componentShape(p, label, best, bestSize, minArea, scratch, bestBox!)?.quad ?? null;
}

/** A component's bounding box, in pixels (inclusive). */
interface Bounds { x0: number; y0: number; x1: number; y1: number }

/** A component's shape: its quadrilateral, and the pixels it covers with its holes filled. */
interface Shape { quad: Quad; filled: number }

/**
 * The shape of the component labelled `best` in `label` (its `size` pixels, within `box`), holes filled, as
 * componentQuad describes it; null when it is too small, too large, not four-cornered or touches the picture's
 * margin. Only `label` inside the box is read.
 */
function componentShape(p: Plane, label: Int32Array, best: number, size: number, minArea: number, scratch: Scratch, box: Bounds): Shape | null {
  const { w, h } = p;
  const n = w * h;
  const { queue, outside } = scratch;
  // The component alone already covers too much of the picture to be a screen with a surround.
  if (size > 0.85 * n) return null;
  // Dark shapes inside the screen (a wallpaper's shadows, a drawing's outlines) are holes in the component, not
  // its outside: everything the outside cannot reach without crossing the component belongs to it. Off the
  // component's box every pixel is outside (a straight run to the border meets none of the component), so the
  // outside is spread only within the box, from its rim, with everything off it marked outside to wall it in.
  const { x0, y0, x1, y1 } = box;
  outside.fill(1);
  for (let y = y0; y <= y1; y++) outside.fill(0, y * w + x0, y * w + x1 + 1);
  let head = 0, tail = 0;
  const rim = (i: number) => {
    if (!outside[i] && label[i] !== best) { outside[i] = 1; queue[tail++] = i; }
  };
  for (let x = x0; x <= x1; x++) { rim(y0 * w + x); rim(y1 * w + x); }
  for (let y = y0 + 1; y < y1; y++) { rim(y * w + x0); rim(y * w + x1); }
  // The spread below is written out inline, as it visits most of the box. No x to check: a step off a row's end
  // lands on the row beside it at the other side, off the box (outside already) or on the box's rim (seeded above).
  const last = n - 1, bottom = n - w;
  while (head < tail) {
    const i = queue[head++]!;
    let j = i - 1;
    if (i > 0 && !outside[j] && label[j] !== best) { outside[j] = 1; queue[tail++] = j; }
    j = i + 1;
    if (i < last && !outside[j] && label[j] !== best) { outside[j] = 1; queue[tail++] = j; }
    j = i - w;
    if (i >= w && !outside[j] && label[j] !== best) { outside[j] = 1; queue[tail++] = j; }
    j = i + w;
    if (i < bottom && !outside[j] && label[j] !== best) { outside[j] = 1; queue[tail++] = j; }
  }
  // Each pixel of the box the outside reached went through the queue once.
  const filled = (x1 - x0 + 1) * (y1 - y0 + 1) - tail;
  const area = filled / n;
  if (area < minArea || area > 0.85) return null;
  // Corners: extreme points along the two diagonals, the first in raster order among equals. In a row the leftmost
  // pixel has the least x + y and x − y and the rightmost the most, so only the ends of each row are read.
  let tl = { x: 0, y: 0 }, tr = tl, br = tl, bl = tl;
  let tlv = Infinity, brv = -Infinity, trv = -Infinity, blv = Infinity;
  for (let y = y0; y <= y1; y++) {
    const row = y * w;
    let l = x0, r = x1;
    while (l <= x1 && outside[row + l]) l++;
    if (l > x1) continue;
    while (outside[row + r]) r--;
    if (l + y < tlv) { tlv = l + y; tl = { x: l, y }; }
    if (r + y > brv) { brv = r + y; br = { x: r, y }; }
    if (r - y > trv) { trv = r - y; tr = { x: r, y }; }
    if (l - y < blv) { blv = l - y; bl = { x: l, y }; }
  }
  const quad = [tl, tr, br, bl].map((c) => ({ x: c.x + 0.5, y: c.y + 0.5 })) as Quad;
  // Shoelace area of the quadrilateral: the region must fill most of it, and it must not be a sliver.
  let qa = 0;
  for (let i = 0; i < 4; i++) qa += quad[i]!.x * quad[(i + 1) % 4]!.y - quad[(i + 1) % 4]!.x * quad[i]!.y;
  qa = Math.abs(qa) / 2;
  if (qa < minArea * w * h || filled / qa < 0.85) return null;
  // The surround must show on every side (not a picture with a dark band along one edge).
  const xs = quad.map((q) => q.x / w), ys = quad.map((q) => q.y / h);
  if (Math.min(...xs) < 0.02 || Math.max(...xs) > 0.98 || Math.min(...ys) < 0.02 || Math.max(...ys) > 0.98) return null;
  return { quad: quad.map((q) => ({ x: q.x / w, y: q.y / h })) as Quad, filled };
}

// ---------- a picture pasted, slanted, onto another ----------

/** A pasted picture turned by less than this is left to framedRects (axis-aligned rectangles are common in art). */
const PASTED_MIN_TILT = 1.5;
const PASTED_MAX_TILT = 10;
/** Gradient (|Sobel x| + |Sobel y|, luma 0–255) from which a pixel is on an edge. */
const PASTED_EDGE = 60;
/** Each side spans at least this share of the overview; the quadrilateral covers this share of it. */
const PASTED_MIN_SIDE = 0.25;
const PASTED_AREA: readonly [number, number] = [0.08, 0.8];
/** Every side must have an edge along this share of its length: a pasted picture's outline is unbroken. */
const PASTED_SUPPORT = 0.75;
const PASTED_LINES = 10;

/** A line of houghLines: at `t` degrees, a·x + b·y = rho. */
interface HoughLine { t: number; rho: number; votes: number; a: number; b: number }

/**
 * Sobel gradients of a plane's inner pixels into `gx`, `gy`, and its edge pixels (|gx| + |gy| ≥ `edge`) split by
 * direction: `rows` on near-horizontal edges (the gradient mostly vertical: |gx| ≤ `lean`·|gy|), `cols` on
 * near-vertical ones. The Hough finders' input (pastedQuad, lineQuad), so the two families vote apart.
 */
function sobelEdges({ v, w, h }: Plane, gx: Int16Array | Float32Array, gy: Int16Array | Float32Array, edge: number, lean: number): { rows: number[]; cols: number[] } {
  const rows: number[] = [], cols: number[] = [];
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1, i = y * w + 1; x < w - 1; x++, i++) {
      const a = v[i - w - 1]!, c = v[i - w + 1]!, g = v[i + w - 1]!, l = v[i + w + 1]!;
      const sx = c + 2 * v[i + 1]! + l - a - 2 * v[i - 1]! - g;
      const sy = g + 2 * v[i + w]! + l - a - 2 * v[i - w]! - c;
      gx[i] = sx;
      gy[i] = sy;
      const ax = Math.abs(sx), ay = Math.abs(sy);
      if (ax + ay < edge) continue;
      if (ax <= lean * ay) rows.push(i);
      else if (ay <= lean * ax) cols.push(i);
    }
  }
  return { rows, cols };
}

/**
 * A picture pasted onto another (a merchandise mock-up, a mood board): four straight edges, two near-horizontal
 * and two near-vertical, turned alike by 1.5–10°, each with an edge along ≥ 75 % of its length. Found with a
 * Hough transform over the overview's edge pixels, split by gradient direction so the two families vote apart.
 * Returns the corners in fractions of the image, or null. Axis-aligned rectangles are framedRects' (many drawings
 * hold one: a window, a battery, an icon's page), and a slant is what a pasted picture has and they lack.
 */
export function pastedQuad(src: Raster): Quad | null {
  const { v, w, h } = plane(src);
  const n = w * h;
  // Every inner pixel is written below, and edgeAt reads inner pixels only.
  const gx = GRAD_X.take(n), gy = GRAD_Y.take(n);
  // Leaning 0.3: tan 10° ≈ 0.18, with slack.
  const { rows, cols } = sobelEdges({ v, w, h }, gx, gy, PASTED_EDGE, 0.3);
  const angles: number[] = [];
  // One degree apart: coarser, an upright rectangle's sides can peak a step off and pass for a slant.
  for (let t = -PASTED_MAX_TILT; t <= PASTED_MAX_TILT; t++) angles.push((t * Math.PI) / 180);
  const rowLines = houghLines(rows, w, h, angles, true), colLines = houghLines(cols, w, h, angles, false);
  const edgeAt = (x: number, y: number, alongRow: boolean) => {
    const i = y * w + x;
    const ax = Math.abs(gx[i]!), ay = Math.abs(gy[i]!);
    return ax + ay >= 0.7 * PASTED_EDGE && (alongRow ? ax <= 0.5 * ay : ay <= 0.5 * ax);
  };
  // Share of a side with an edge within a pixel of it; gives up once the side cannot reach PASTED_SUPPORT.
  const support = (p: Point, q: Point, alongRow: boolean) => {
    const steps = Math.max(8, Math.round(Math.hypot(q.x - p.x, q.y - p.y)));
    const allowed = (1 - PASTED_SUPPORT) * (steps - 1);
    let missed = 0;
    for (let k = 1; k < steps; k++) {
      const x = Math.round(p.x + ((q.x - p.x) * k) / steps), y = Math.round(p.y + ((q.y - p.y) * k) / steps);
      let hit = false;
      for (let o = -1; o <= 1 && !hit; o++) {
        const xx = alongRow ? x : x + o, yy = alongRow ? y + o : y;
        hit = xx >= 1 && yy >= 1 && xx < w - 1 && yy < h - 1 && edgeAt(xx, yy, alongRow);
      }
      if (!hit && ++missed > allowed) return 0;
    }
    return 1 - missed / (steps - 1);
  };
  let best: { quad: Quad; score: number } | null = null;
  for (const [top, bottom] of parallelPairs(rowLines, h, 2, PASTED_MIN_SIDE)) {
    for (const [left, right] of parallelPairs(colLines, w, 2, PASTED_MIN_SIDE)) {
      // One turn for the whole picture: both pairs lean alike, and by a slant an upright rectangle lacks.
      const tilt = (top.t + bottom.t - left.t - right.t) / 2;
      const mean = (top.t + bottom.t + left.t + right.t) / 4;
      if (Math.abs(tilt) > 3 || Math.abs(mean) < PASTED_MIN_TILT) continue;
      const tl = meetLines(top, left), tr = meetLines(top, right), br = meetLines(bottom, right), bl = meetLines(bottom, left);
      if ([tl, tr, br, bl].some((c) => c.x < 1 || c.y < 1 || c.x > w - 2 || c.y > h - 2)) continue;
      const area = Math.abs((tr.x - bl.x) * (br.y - tl.y) - (br.x - tl.x) * (tr.y - bl.y)) / 2 / n;
      if (area < PASTED_AREA[0] || area > PASTED_AREA[1]) continue;
      let score = 0;
      for (const [p, q, alongRow] of [[tl, tr, true], [bl, br, true], [tl, bl, false], [tr, br, false]] as const) {
        const s = support(p, q, alongRow);
        if (s < PASTED_SUPPORT) { score = -1; break; }
        score += s / 4;
      }
      if (score < 0) continue;
      score += 0.1 * area;
      if (!best || score > best.score) best = { quad: [tl, tr, br, bl].map((c) => ({ x: (c.x + 0.5) / w, y: (c.y + 0.5) / h })) as Quad, score };
    }
  }
  return best?.quad ?? null;
}

/**
 * The strongest lines through `edges` at the given angles (whole degrees centred on 0, named by their offset from
 * the middle one): a row line at angle θ is y·cos θ − x·sin θ = ρ, a column line x·cos θ + y·sin θ = ρ. Local maxima
 * of the vote, strongest first, at most `max`; a line needs votes from at least 60 % of the shortest side it could
 * be (`minSide` of the picture).
 */
function houghLines(edges: number[], w: number, h: number, angles: number[], rowsOf: boolean, minSide = PASTED_MIN_SIDE, max = PASTED_LINES): HoughLine[] {
  // ρ runs from −sin θ·side to the side plus that: a margin for the steepest angle asked.
  const pad = Math.ceil(Math.max(0.2, ...angles.map((a) => Math.abs(Math.sin(a)))) * Math.max(w, h)) + 1;
  const span = (rowsOf ? h : w) + 2 * pad;
  const acc = new Int32Array(angles.length * span);
  // Each edge pixel's coordinates once, as the running and the crossing one: every angle votes with them.
  const m = edges.length, along = new Float64Array(m), across = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const i = edges[k]!, y = (i / w) | 0, x = i - y * w;
    along[k] = rowsOf ? y : x;
    across[k] = rowsOf ? -x : y;
  }
  vote(acc, along, across, angles, span, pad);
  const minVotes = 0.6 * minSide * (rowsOf ? w : h);
  const lines: HoughLine[] = [];
  for (let ti = 0; ti < angles.length; ti++) {
    for (let r = 0; r < span; r++) {
      const votes = acc[ti * span + r]!;
      if (votes < minVotes) continue;
      let peak = true;
      for (let dt = -1; dt <= 1 && peak; dt++) {
        for (let dr = -2; dr <= 2 && peak; dr++) {
          const tj = ti + dt, rj = r + dr;
          if ((!dt && !dr) || tj < 0 || tj >= angles.length || rj < 0 || rj >= span) continue;
          const other = acc[tj * span + rj]!;
          // Ties go to the first in scan order, so a plateau gives one line.
          if (other > votes || (other === votes && (dt < 0 || (dt === 0 && dr < 0)))) peak = false;
        }
      }
      if (!peak) continue;
      const angle = angles[ti]!;
      lines.push({ t: ti - (angles.length >> 1), rho: r - pad, votes, a: rowsOf ? -Math.sin(angle) : Math.cos(angle), b: rowsOf ? Math.cos(angle) : Math.sin(angle) });
    }
  }
  return lines.sort((a, b) => b.votes - a.votes).slice(0, max);
}

/**
 * Every edge's vote at every angle into `acc` (a row of `span` bins an angle), an edge's coordinates being
 * `along` and `across` (houghLines). Four angles a pass over the edges: at one angle, edges next to each other on
 * a line vote for one bin, each increment waiting for the one before; four rows at once interleave them (the
 * votes were most of the Hough finders' time, now ~2.5× less).
 */
function vote(acc: Int32Array, along: Float64Array, across: Float64Array, angles: number[], span: number, pad: number): void {
  const cos = angles.map(Math.cos), sin = angles.map(Math.sin), m = along.length;
  // ρ + pad ≥ 0, so truncating ρ + pad + ½ rounds ρ as Math.round does, in a fraction of the time.
  let t = 0;
  for (; t + 4 <= angles.length; t += 4) {
    const c0 = cos[t]!, c1 = cos[t + 1]!, c2 = cos[t + 2]!, c3 = cos[t + 3]!;
    const s0 = sin[t]!, s1 = sin[t + 1]!, s2 = sin[t + 2]!, s3 = sin[t + 3]!;
    const r0 = t * span, r1 = r0 + span, r2 = r1 + span, r3 = r2 + span;
    for (let k = 0; k < m; k++) {
      const p = along[k]!, q = across[k]!;
      acc[r0 + ((p * c0 + q * s0 + pad + 0.5) | 0)]!++;
      acc[r1 + ((p * c1 + q * s1 + pad + 0.5) | 0)]!++;
      acc[r2 + ((p * c2 + q * s2 + pad + 0.5) | 0)]!++;
      acc[r3 + ((p * c3 + q * s3 + pad + 0.5) | 0)]!++;
    }
  }
  for (; t < angles.length; t++) {
    const c = cos[t]!, s = sin[t]!, r = t * span;
    for (let k = 0; k < m; k++) acc[r + ((along[k]! * c + across[k]! * s + pad + 0.5) | 0)]!++;
  }
}

/** Where two lines of houghLines cross (a row line and a column line are never parallel). */
function meetLines(p: HoughLine, q: HoughLine): Point {
  const det = p.a * q.b - q.a * p.b;
  return { x: (p.rho * q.b - q.rho * p.b) / det, y: (p.a * q.rho - q.a * p.rho) / det };
}

// ---------- a screen whose bezel the glare lifts ----------

/** Gradient (|Sobel x| + |Sobel y|) from which a pixel is on an edge that closes a screen: a moiré's bands stay under it. */
const ENCLOSED_EDGE = 60;
const ENCLOSED_MASK = new Slot(Uint8Array);
/** enclosedQuad's mask, past 1 (an edge): an edge pixel on the border, and a pixel of the outside. */
const RIM = 2, OUT = 3;

/**
 * A photographed screen whose dark bezel a glare or the moiré lifts above every level bezelQuad tries, or whose
 * bezel is as dark as the wall (an independently made set's screen photos: a broad glare over wall, bezel and
 * screen alike, moiré bands across all three): the screen's own edge, its light against the bezel, still steps
 * sharply all round. The region the picture's border cannot reach without crossing such an edge (or the edge
 * itself), as the quadrilateral componentShape makes of it. A glare or moiré band shifts light only gently, so
 * neither makes an edge nor breaks one. Returns the corners in fractions of the image, or null.
 */
export function enclosedQuad(src: Raster): Quad | null {
  const p = plane(src);
  const { v, w, h } = p;
  const n = w * h;
  // 1: on an edge (a wall to the outside's spread), grown by a pixel so a step blurred thin still closes. Edge
  // pixels are never on the border (Sobel leaves it out), so all eight neighbours exist.
  const edge = ENCLOSED_MASK.take(n).fill(0);
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1, i = y * w + 1; x < w - 1; x++, i++) {
      const a = v[i - w - 1]!, c = v[i - w + 1]!, g = v[i + w - 1]!, l = v[i + w + 1]!;
      const sx = c + 2 * v[i + 1]! + l - a - 2 * v[i - 1]! - g;
      const sy = g + 2 * v[i + w]! + l - a - 2 * v[i - w]! - c;
      if (Math.abs(sx) + Math.abs(sy) < ENCLOSED_EDGE) continue;
      for (let r = i - w; r <= i + w; r += w) edge[r - 1] = edge[r] = edge[r + 1] = 1;
    }
  }
  const scratch = newScratch(n);
  const { label, queue } = scratch;
  // The outside (marked OUT in the same map): every edge-free pixel the border reaches.
  let head = 0, tail = 0;
  const seed = (i: number) => { if (!edge[i]) { edge[i] = OUT; queue[tail++] = i; } };
  for (let x = 0; x < w; x++) { seed(x); seed((h - 1) * w + x); }
  for (let y = 1; y < h - 1; y++) { seed(y * w); seed(y * w + w - 1); }
  // The spreads below are written out inline, as they visit most of the picture, and without coordinates: a step
  // off a row's end lands on the border at the other side, which is outside or an edge already.
  const last = n - 1, bottom = n - w;
  while (head < tail) {
    const i = queue[head++]!;
    let j = i - 1;
    if (i > 0 && !edge[j]) { edge[j] = OUT; queue[tail++] = j; }
    j = i + 1;
    if (i < last && !edge[j]) { edge[j] = OUT; queue[tail++] = j; }
    j = i - w;
    if (i >= w && !edge[j]) { edge[j] = OUT; queue[tail++] = j; }
    j = i + w;
    if (i < bottom && !edge[j]) { edge[j] = OUT; queue[tail++] = j; }
  }
  // The largest 4-connected piece of the rest that keeps off the border. A piece that reaches the border holds one
  // of its edge pixels (its other pixels are outside), marked RIM here. Steps off a row's end join only such pieces.
  const rim = (i: number) => { if (edge[i] !== OUT) edge[i] = RIM; };
  for (let x = 0; x < w; x++) { rim(x); rim(bottom + x); }
  for (let y = 1; y < h - 1; y++) { rim(y * w); rim(y * w + w - 1); }
  label.fill(-1);
  let best = -1, bestSize = 0, bestBox: Bounds | null = null;
  for (let s = 0; s < n; s++) {
    if (edge[s] === OUT || label[s] !== -1) continue;
    label[s] = s;
    head = 0; tail = 0;
    queue[tail++] = s;
    let touches = false;
    while (head < tail) {
      const i = queue[head++]!;
      if (edge[i] === RIM) touches = true;
      let j = i - 1;
      if (i > 0 && edge[j] !== OUT && label[j] === -1) { label[j] = s; queue[tail++] = j; }
      j = i + 1;
      if (i < last && edge[j] !== OUT && label[j] === -1) { label[j] = s; queue[tail++] = j; }
      j = i - w;
      if (i >= w && edge[j] !== OUT && label[j] === -1) { label[j] = s; queue[tail++] = j; }
      j = i + w;
      if (i < bottom && edge[j] !== OUT && label[j] === -1) { label[j] = s; queue[tail++] = j; }
    }
    if (touches || tail <= bestSize) continue;
    best = s;
    bestSize = tail;
    // Its box from its pixels, still in the queue, when it is large enough to be looked at.
    bestBox = tail >= MIN_SCREEN * n ? boundsOf(queue, tail, w) : null;
  }
  if (best < 0 || bestSize < MIN_SCREEN * n) return null;
  const shape = componentShape(p, label, best, bestSize, MIN_SCREEN, scratch, bestBox!);
  if (!shape) return null;
  // And the quadrilateral must hold the region, not only lie inside it: a disc (a sun's glow outlined by its
  // ramp) fills its diagonal corners' square, at π/2 of its area. A screen is its quadrilateral.
  return shape.filled <= ENCLOSED_OVERFILL * quadArea(shape.quad) * n ? shape.quad : null;
}

/** The bounding box of the first `count` pixels in `pixels`. */
function boundsOf(pixels: Int32Array, count: number, w: number): Bounds {
  let x0 = w, y0 = Infinity, x1 = -1, y1 = -1;
  for (let k = 0; k < count; k++) {
    const i = pixels[k]!, y = (i / w) | 0, x = i - y * w;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  return { x0, y0, x1, y1 };
}
/** A region's area over its quadrilateral's at most (the edge grown by a pixel all round adds a few per cent). */
const ENCLOSED_OVERFILL = 1.15;

// ---------- a screen by its four straight sides ----------

/** Gradient (|Sobel x| + |Sobel y|) from which a pixel is on a side of a screen. */
const LINE_EDGE = 48;
/** A side leans at most this far from the horizontal or the vertical (a screen turned ~25° and photographed at an angle). */
const LINE_MAX_TILT = 24;
/** Opposite sides lean apart by at most this (perspective), degrees. */
const LINE_SPREAD = 14;
/** Each side spans at least this share of the overview; the quadrilateral covers this share of it. */
const LINE_MIN_SIDE = 0.3;
const LINE_AREA: readonly [number, number] = [0.1, 0.9];
/** Every side must have an edge along this share of its length. */
const LINE_SUPPORT = 0.7;
const LINE_LINES = 8;
/** How far in (share of the overview) a side may move to a line inside it: a bezel's width, at a steep angle. */
const LINE_INWARD = 0.08;
/** How far off the picture (share of its side) a bezel outline's corner may lie: a screen cut by the frame. */
const LINE_OFF = 0.06;
/** Share of a bezel outline's side that must lie on the picture, where its support is then counted. */
const LINE_ON_PICTURE = 0.5;
/** Gradient (|Sobel x| + |Sobel y|) from which a pixel is on a bezel outline's side: half of LINE_EDGE. */
const BEZEL_EDGE = 24;
/**
 * The least support one side of a bezel outline may have (the other three need LINE_SUPPORT): a dark sky's step to
 * the bezel that shows only where a glare lifts it. Measured as bezelLineQuad says: the independently made set's
 * second draw found two more screen photos with it (a soft and a flat illustration), the others none fewer.
 */
const BEZEL_WEAK = 0.35;
/**
 * Share of the picture an outline with a side on the frame covers at least: a screen the frame cuts was photographed
 * close and fills most of the photo (an independently made set's third draw: 62 % and 84 % for the two so found),
 * where a drawing's shape or a flag's stripe running to the frame is often smaller (its 387 negatives: 147 with such
 * an outline of any size; screenQuads returns 130 outlines more over them without this bar, 75 with it).
 */
const CUT_AREA = 0.5;
/** Lines of each family a bezel outline is picked from, before bundles are thinned (bundled). */
const BEZEL_LINES = 16;
/** Lines this close (degrees, and half-overview pixels at the picture's middle) are one bundle. */
const BUNDLE_TILT = 3, BUNDLE_SHIFT = 3;
/** A side's support counts edges at this share of LINE_EDGE (a glare or a dark patch softens part of a side). */
const LINE_SOFT = 0.7;
const LINE_ANGLES = Array.from({ length: 2 * LINE_MAX_TILT + 1 }, (_, k) => ((k - LINE_MAX_TILT) * Math.PI) / 180);
const LINE_GX = new Slot(Float32Array), LINE_GY = new Slot(Float32Array), LINE_HALF = new Slot(Float32Array);

/**
 * A photographed screen found by its four sides, where its light does not set it apart (a bright part of the
 * picture joins the glare, a dark wallpaper sinks into the bezel) and its inside is too busy for enclosedQuad: two
 * near-horizontal and two near-vertical straight edges, each leaning up to LINE_MAX_TILT, with an edge along most
 * of each side. Read at half the overview's size: a screen's sides are long, and the Hough transform's cost is
 * its edge pixels. Measured (2026-12-06, Node, an independently made set): an outline in 135 of its 160 screen
 * photos and in 60 of its 383 negatives (drawings with frames and panels: the look that follows decides), 1.2 ms a
 * picture at the median, 2.5 ms at the 90th percentile. Returns the corners in fractions of the image, or null.
 */
export function lineQuad(src: Raster): Quad | null {
  return findOutlines(src).line;
}

/**
 * A photographed screen by its four sides, each stepping the same way to the bezel, where lineQuad takes an outline
 * with sides from the picture (a building's edge, a stripe's) that hold as well as the screen's: a lit screen's light
 * falls to its bezel all round (or a device's dark outline rises to a lighter wall all round), while a drawing's own
 * straight edges step up and down by turns. Its corners may lie a little off the picture (LINE_OFF): a screen
 * photographed close is cut by the frame, and lineQuad keeps its corners on it. One side may hold only half as
 * well as the others (BEZEL_WEAK). No side is moved in afterwards. Measured (2026-12-06, Node, an independently
 * made set's three draws of 80 screen photos, the true screens recomputed from its generator's draws): some
 * finder's outline within 0.05 of the picture of the true screen's corners in 59 → 66, 62 → 68 and 63 → 69 of them
 * (this one alone: 51, 46, 50; with no weak side allowed 65, 67, 69); screenQuads 6.4 ms a picture in Node against
 * 5.8–6.0 before (200 negatives, two paired runs), with an outline more in one picture of five. Returns the corners
 * in fractions, or null.
 */
export function bezelLineQuad(src: Raster): Quad | null {
  return findOutlines(src).bezel;
}

/**
 * The outlines of one overview (lineQuad's, bezelLineQuad's and the one cut by the frame), found together: they
 * share its half-size plane and gradients.
 */
function findOutlines(src: Raster): { line: Quad | null; bezel: Quad | null; cut: Quad | null } {
  const { v, w, h } = halved(plane(src));
  const n = w * h;
  // Zeroed: the border, which the sides' neighbours may read, is not written.
  const gx = LINE_GX.take(n).fill(0), gy = LINE_GY.take(n).fill(0);
  // Leaning 0.5: tan 24° ≈ 0.45.
  const { rows, cols } = sobelEdges({ v, w, h }, gx, gy, LINE_EDGE, 0.5);
  const rowLines = houghLines(rows, w, h, LINE_ANGLES, true, LINE_MIN_SIDE, LINE_LINES);
  const colLines = houghLines(cols, w, h, LINE_ANGLES, false, LINE_MIN_SIDE, LINE_LINES);
  const soft = LINE_SOFT * LINE_EDGE;
  const profiles = new Map<HoughLine, StepProfile>();
  for (const line of rowLines) profiles.set(line, stepProfile(line, true, 0, { w, h }, gx, gy, soft));
  for (const line of colLines) profiles.set(line, stepProfile(line, false, 0, { w, h }, gx, gy, soft));
  /** Share of `line` between running coordinates `from` and `to` with an edge crossing it the same way. */
  const support = (line: HoughLine, from: number, to: number) => {
    const a = Math.max(0, Math.ceil(Math.min(from, to))), b = Math.min(profiles.get(line)!.up.length - 2, Math.floor(Math.max(from, to)));
    if (b < a) return 0;
    const { up, down } = profiles.get(line)!;
    return Math.max(up[b + 1]! - up[a]!, down[b + 1]! - down[a]!) / (b - a + 1);
  };
  /** The four corners of an outline, when they lie on the picture and the sides hold a sane share of it. */
  const cornersOf = ([top, bottom, left, right]: Sides): [Point, Point, Point, Point] | null => {
    const c: [Point, Point, Point, Point] = [meetLines(top, left), meetLines(top, right), meetLines(bottom, right), meetLines(bottom, left)];
    if (c.some((p) => p.x < 1 || p.y < 1 || p.x > w - 2 || p.y > h - 2)) return null;
    const area = quadArea(c) / n;
    return area >= LINE_AREA[0] && area <= LINE_AREA[1] ? c : null;
  };
  /** Mean support of an outline's four sides between its corners, or −1 when one falls short. */
  const held = ([top, bottom, left, right]: Sides, [tl, tr, br, bl]: [Point, Point, Point, Point]) => {
    let score = 0;
    for (const s of [support(top, tl.x, tr.x), support(bottom, bl.x, br.x), support(left, tl.y, bl.y), support(right, tr.y, br.y)]) {
      if (s < LINE_SUPPORT) return -1;
      score += s / 4;
    }
    return score;
  };
  const { bezel, cut } = bezelOutline({ v, w, h }, gx, gy);
  let best: { sides: Sides; score: number } | null = null;
  for (const [top, bottom] of parallelPairs(rowLines, h, LINE_SPREAD, LINE_MIN_SIDE)) {
    for (const [left, right] of parallelPairs(colLines, w, LINE_SPREAD, LINE_MIN_SIDE)) {
      const sides: Sides = [top, bottom, left, right];
      const c = cornersOf(sides);
      const score = c ? held(sides, c) : -1;
      if (score < 0) continue;
      // Of two outlines alike in support, the larger: a screen holds straight edges of its own.
      const total = score + 0.2 * (quadArea(c!) / n);
      if (!best || total > best.score) best = { sides, score: total };
    }
  }
  if (!best) return { line: null, bezel, cut };
  // A bezel and the screen inside it are two outlines a few per cent apart, and where the wall is as dark as the
  // bezel the one found may take a side from each: each side moves in to the innermost line near it that still
  // holds, so the outline is the screen's where its edges show (the look lays the work over it, zoom.ts screenLook).
  const sides = best.sides.slice() as Sides;
  for (let k = 0; k < 4; k++) {
    const rowsOf = k < 2, inward = k % 2 === 0 ? 1 : -1;
    const reach = LINE_INWARD * (rowsOf ? h : w);
    for (const line of rowsOf ? rowLines : colLines) {
      const d = (line.rho - sides[k]!.rho) * inward;
      const current = (sides[k]!.rho - best.sides[k]!.rho) * inward;
      if (d <= current || d > reach || Math.abs(line.t - sides[k]!.t) > 3) continue;
      const moved = sides.slice() as Sides;
      moved[k] = line;
      const c = cornersOf(moved);
      if (c && held(moved, c) >= 0) sides[k] = line;
    }
  }
  return { line: fractionsOf(cornersOf(sides)!, w, h), bezel, cut };
}

/** Where a line of houghLines crosses the picture's middle `mid`: its y at x = mid for a row line, its x at y = mid for a column line. */
const crossing = (l: HoughLine, rowsOf: boolean, mid: number) => (rowsOf ? (l.rho - l.a * mid) / l.b : (l.rho - l.b * mid) / l.a);

/** The strongest line of each bundle (houghLines' order: strongest first), at most LINE_LINES; placed at the middle `mid` (crossing). */
function bundled(lines: HoughLine[], rowsOf: boolean, mid: number): HoughLine[] {
  const kept: HoughLine[] = [];
  for (const l of lines) {
    if (kept.length >= LINE_LINES) continue;
    const here = crossing(l, rowsOf, mid);
    let bundle = false;
    for (const k of kept) if (Math.abs(k.t - l.t) <= BUNDLE_TILT && Math.abs(crossing(k, rowsOf, mid) - here) <= BUNDLE_SHIFT) { bundle = true; break; }
    if (!bundle) kept.push(l);
  }
  return kept;
}

/** Pairs of `lines` (the first of each with the smaller rho) leaning within `maxTilt` of each other, at least `minSide` of `size` apart. */
function parallelPairs(lines: HoughLine[], size: number, maxTilt: number, minSide: number): [HoughLine, HoughLine][] {
  const out: [HoughLine, HoughLine][] = [];
  for (let i = 0; i < lines.length; i++) {
    for (let j = i + 1; j < lines.length; j++) {
      const [a, b] = lines[i]!.rho < lines[j]!.rho ? [lines[i]!, lines[j]!] : [lines[j]!, lines[i]!];
      if (Math.abs(a.t - b.t) <= maxTilt && b.rho - a.rho >= minSide * size) out.push([a, b]);
    }
  }
  return out;
}

/** Pairs of a line of `first` and one of `second` leaning alike, the second at least LINE_MIN_SIDE of `size` after the first at `mid` (crossing). */
function orderedPairs(first: HoughLine[], second: HoughLine[], rowsOf: boolean, mid: number, size: number): [HoughLine, HoughLine][] {
  const out: [HoughLine, HoughLine][] = [];
  for (const a of first) {
    const at = crossing(a, rowsOf, mid);
    for (const b of second) if (Math.abs(a.t - b.t) <= LINE_SPREAD && crossing(b, rowsOf, mid) - at >= LINE_MIN_SIDE * size) out.push([a, b]);
  }
  return out;
}

/** Running totals along a line, by its running coordinate, of the places an edge crosses it `up` or `down`, and of those on the picture (`on`). */
interface StepProfile { up: Int32Array; down: Int32Array; on: Int32Array }

/**
 * A line's StepProfile (x is the running coordinate of a row line, y of a column line): at each place, the first of
 * the pixel on the line and its two neighbours across it whose gradient (`gx`, `gy`) reaches `soft` and lies within
 * ~25° of the line's normal, counted `up` when it is brighter along the normal (which points down or right), else
 * `down`; with `way` ±1, the first such pixel stepping that way, counted `up`. A screen's side steps from bezel to
 * picture the same way all along, while a texture's stripes step up and down by turns and a slanted one's
 * gradients lean off the normal.
 */
function stepProfile(line: HoughLine, rowsOf: boolean, way: number, { w, h }: { w: number; h: number }, gx: Float32Array, gy: Float32Array, soft: number): StepProfile {
  const len = rowsOf ? w : h, off = rowsOf ? w : 1;
  const up = new Int32Array(len + 1), down = new Int32Array(len + 1), on = new Int32Array(len + 1);
  for (let t = 0; t < len; t++) {
    const x = rowsOf ? t : Math.round((line.rho - line.b * t) / line.a);
    const y = rowsOf ? Math.round((line.rho - line.a * t) / line.b) : t;
    const inside = x >= 1 && y >= 1 && x < w - 1 && y < h - 1;
    let sign = 0;
    if (inside) {
      for (const j of [y * w + x, y * w + x - off, y * w + x + off]) {
        const sx = gx[j]!, sy = gy[j]!;
        if (Math.abs(sx) + Math.abs(sy) < soft) continue;
        const across = sx * line.a + sy * line.b;
        // Within ~25° of the normal: (g·n)² ≥ 0.81 |g|².
        if (across * across < 0.81 * (sx * sx + sy * sy)) continue;
        if (way === 0) { sign = Math.sign(across); break; }
        if (across * way > 0) { sign = 1; break; }
      }
    }
    up[t + 1] = up[t]! + (sign > 0 ? 1 : 0);
    down[t + 1] = down[t]! + (sign < 0 ? 1 : 0);
    on[t + 1] = on[t]! + (inside ? 1 : 0);
  }
  return { up, down, on };
}

/** Half-overview corners as fractions of the picture. */
const fractionsOf = (c: readonly Point[], w: number, h: number) => c.map((p) => ({ x: (p.x + 0.5) / w, y: (p.y + 0.5) / h })) as Quad;

/**
 * The bezel outline of bezelLineQuad on the half overview (`gx`, `gy`: its Sobel gradients, 0 on the border). The
 * edges are split by the way they step as well as by direction and read at a lower gradient than lineQuad's, so a
 * dark picture's faint step to the bezel still votes, while a moiré's bands, stepping both ways, split their votes.
 * Each outline takes its top and left sides from lines stepping one way and its bottom and right from lines stepping
 * the other: darker going out all round (a lit screen in its bezel) or brighter (a device's dark outline on a
 * lighter wall, which screenPlaces' insets then look inside).
 * Also returned apart (`cut`): the best outline with one side on the picture's frame, for a screen photographed so
 * close that the frame cuts it (an independently made set's third draw: a flat drawing's screen running past the
 * photo's left edge, and a bezel 1–2 % from both sides, each outlined by its drawing's own edges instead). Kept apart
 * so the four-sided outline is the same as without it; CUT_AREA bounds how often a drawing's shapes make one.
 */
function bezelOutline({ w, h }: Plane, gx: Float32Array, gy: Float32Array): { bezel: Quad | null; cut: Quad | null } {
  const n = w * h;
  // [rows stepping up (brighter downward), rows down, columns up (brighter rightward), columns down]
  const edges: number[][] = [[], [], [], []];
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1, i = y * w + 1; x < w - 1; x++, i++) {
      const sx = gx[i]!, sy = gy[i]!, ax = Math.abs(sx), ay = Math.abs(sy);
      if (ax + ay < BEZEL_EDGE) continue;
      if (ax <= 0.5 * ay) edges[sy > 0 ? 0 : 1]!.push(i);
      else if (ay <= 0.5 * ax) edges[sx > 0 ? 2 : 3]!.push(i);
    }
  }
  const middle = (rowsOf: boolean) => (rowsOf ? w / 2 : h / 2);
  const lines = edges.map((e, k) => bundled(houghLines(e, w, h, LINE_ANGLES, k < 2, LINE_MIN_SIDE, BEZEL_LINES), k < 2, middle(k < 2)));
  const soft = LINE_SOFT * BEZEL_EDGE;
  // Each family's lines step its way: rows and columns up (k even), or down; `up` counts those steps.
  const profiles = new Map<HoughLine, StepProfile>();
  lines.forEach((family, k) => {
    for (const line of family) profiles.set(line, stepProfile(line, k < 2, k % 2 === 0 ? 1 : -1, { w, h }, gx, gy, soft));
  });
  /** Share of the part of `line` on the picture between `from` and `to` that steps its way; 0 when too little is on it. */
  const support = (line: HoughLine, from: number, to: number) => {
    const { up: steps, on } = profiles.get(line)!;
    const a = Math.max(0, Math.ceil(Math.min(from, to))), b = Math.min(steps.length - 2, Math.floor(Math.max(from, to)));
    if (b < a) return 0;
    const shown = on[b + 1]! - on[a]!;
    return shown > 0 && shown >= LINE_ON_PICTURE * Math.abs(to - from) ? (steps[b + 1]! - steps[a]!) / shown : 0;
  };
  let best: { corners: Point[]; score: number } | null = null;
  let cut: { corners: Point[]; score: number } | null = null;
  const mx = LINE_OFF * w, my = LINE_OFF * h;
  // The picture's own sides, each a side an outline may take where the screen runs to the frame or past it.
  const frame: Sides = [
    { t: 0, rho: -0.5, votes: 0, a: 0, b: 1 },
    { t: 0, rho: h - 0.5, votes: 0, a: 0, b: 1 },
    { t: 0, rho: -0.5, votes: 0, a: 1, b: 0 },
    { t: 0, rho: w - 0.5, votes: 0, a: 1, b: 0 },
  ];
  // Darker going out: tops step up, bottoms down, lefts up, rights down; brighter going out, the other way round.
  const [rowsUp, rowsDown, colsUp, colsDown] = lines as [HoughLine[], HoughLine[], HoughLine[], HoughLine[]];
  for (const [tops, bottoms, lefts, rights] of [[rowsUp, rowsDown, colsUp, colsDown], [rowsDown, rowsUp, colsDown, colsUp]] as const) {
    for (const [top, bottom] of orderedPairs([...tops, frame[0]], [...bottoms, frame[1]], true, middle(true), h)) {
      const framedRows = +(top === frame[0]) + +(bottom === frame[1]);
      if (framedRows > 1) continue;
      for (const [left, right] of orderedPairs([...lefts, frame[2]], [...rights, frame[3]], false, middle(false), w)) {
        // One side may lie on the frame, not asked to hold: the frame cuts the screen or its device there.
        const framed = framedRows + +(left === frame[2]) + +(right === frame[3]);
        if (framed > 1) continue;
        const [tl, tr, br, bl] = [meetLines(top, left), meetLines(top, right), meetLines(bottom, right), meetLines(bottom, left)];
        if ([tl, tr, br, bl].some((p) => p.x < -mx || p.y < -my || p.x > w - 1 + mx || p.y > h - 1 + my)) continue;
        const area = quadArea([tl, tr, br, bl]) / n;
        if (area < LINE_AREA[0] || area > LINE_AREA[1] || (framed && area < CUT_AREA)) continue;
        // Every side must hold as lineQuad's do, but one may hold only half as well: a dark sky's step to the bezel
        // shows only where the glare lifts it.
        let score = 0, weak = 0;
        for (const [line, from, to] of [[top, tl.x, tr.x], [bottom, bl.x, br.x], [left, tl.y, bl.y], [right, tr.y, br.y]] as const) {
          if (frame.includes(line)) continue;
          const s = support(line, from, to);
          if (s < (weak ? LINE_SUPPORT : BEZEL_WEAK)) { score = -1; break; }
          if (s < LINE_SUPPORT) weak++;
          score += s / 4;
        }
        if (score < 0) continue;
        // Of two outlines alike in support, the larger, as lineQuad; an outline cut by the frame only among its kind,
        // its support the mean over the three sides that show.
        const total = (framed ? (score * 4) / (4 - framed) : score) + 0.2 * area;
        if (framed) {
          if (!cut || total > cut.score) cut = { corners: [tl, tr, br, bl], score: total };
        } else if (!best || total > best.score) best = { corners: [tl, tr, br, bl], score: total };
      }
    }
  }
  // Where the screen shows whole, the cut outline is often the four-sided one with a side stretched to the frame: a
  // place more to look at, not another answer (dropping such twins also drops a screen cut by the frame whose fourth
  // side was taken from the drawing's own edges, screen-cut.test.ts).
  return { bezel: best && fractionsOf(best.corners, w, h), cut: cut && fractionsOf(cut.corners, w, h) };
}

/** An outline's lines: top, bottom, left, right. */
type Sides = [HoughLine, HoughLine, HoughLine, HoughLine];

/** A plane at half the size, each pixel the mean of four. */
function halved(p: Plane): Plane {
  const w = p.w >> 1, h = p.h >> 1, v = LINE_HALF.take(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = 2 * y * p.w + 2 * x;
      v[y * w + x] = (p.v[i]! + p.v[i + 1]! + p.v[i + p.w]! + p.v[i + p.w + 1]!) / 4;
    }
  }
  return { v, w, h };
}

/** Two quadrilaterals whose corners all lie within 3 % of the picture of each other: one screen, not two. */
export const quadsAlike = (a: Quad, b: Quad) => a.every((p, i) => Math.hypot(p.x - b[i]!.x, p.y - b[i]!.y) < 0.03);

/**
 * Every photographed screen the finders see in an overview (a dark room's, a bezel's, an outline's, four straight
 * sides, four sides stepping to the bezel, three such sides and the frame), each once: for the screen view the
 * works' grids are fitted to (prepare.ts, screen-shortlist.ts) and for the second stage, which lays the work over
 * each (zoom.ts screenLook) when the fast signals' one region did not lead to it.
 */
export function screenQuads(src: Raster): Quad[] {
  const out: Quad[] = [];
  const { line, bezel, cut } = findOutlines(src);
  for (const q of [screenQuad(src), bezelQuad(src), enclosedQuad(src), line, bezel, cut]) if (q && !out.some((o) => quadsAlike(o, q))) out.push(q);
  return out;
}
