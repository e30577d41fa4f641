// The second stage: for the one or two works the fast signals point at without deciding, match local keypoints
// (keypoints.ts) between the feed picture and the work and look for one geometric mapping most of the agreeing
// pairs share. Unrelated pictures agree on a handful of pairs scattered at random; a repost — under stickers, on a
// photographed screen, tilted, as one tile of a collage — keeps dozens that one homography explains. The fit also
// says where the work sits in the post and how it was turned, which the verdict names and the report page uses.
import { popcount4, type Keypoints } from './keypoints';
import { FULL, type Box } from './image';
import type { Homography, Point, Quad } from './geometry';
import { apply, homography, insideQuad, scaleAbout, signedArea } from './geometry';
import { appearanceInPlace, appearanceOnScreen, appearanceUnmasked, appearances, roughWhole, type Appearance, type Hidden } from './appearance';
import { marksOver } from './marks';
import { overlaysOver } from './overlays';
import type { Wave } from './moire';

export interface Verification {
  /** Keypoint pairs the mapping explains. */
  inliers: number;
  /** Pairs that passed the descriptor test. */
  matches: number;
  /** Share of the work's area the inliers span (their bounding box in the work, 0..1). */
  coverage: number;
  /** Work (level-0 pixels of the work's keypoints) → post (level-0 pixels of the post's keypoints). */
  homography: Homography;
  /** The work's corners in the post, as fractions of the post (may reach outside it). */
  corners: [Point, Point, Point, Point];
  /** Rotation of the work in the post, degrees (clockwise on screen), and its scale (post px per work px). */
  rotation: number;
  scale: number;
  /** How far the mapping is from a similarity: 0 for a flat copy, larger for a photographed screen. */
  perspective: number;
  /** Whether the post repeats the work between the keypoints too (appearance.ts): over all of the work in the post, */
  appearance: Appearance;
  /** and over the part of the work the inliers span (a collage tile's crop), with that part's size (0..1 of each side). */
  spanned: Appearance & { w: number; h: number };
  /**
   * Set when the post was compared with the work laid over it whole (sameFrame) rather than through keypoint
   * pairs; `detail` is that comparison with each picture's broad light and dark taken off (appearance.ts), and
   * `coarse` the same over broader shapes (second-stage.ts sameFrameAlike); `within`, the picture of the post it
   * was compared over when the work overflows it (zoom.ts pictureLook: a collage tile cut from the work's middle),
   * fractions of the post.
   */
  sameFrame?: { detail: number; coarse: number; within?: Box };
  /**
   * Set when the post was compared with the work laid over a photographed screen in it (onQuad), without keypoint
   * pairs; `detail` as for sameFrame; `fitted` when the work was placed in its own proportions, whole or cut off by
   * the screen, rather than over the screen's whole outline (screen-places.ts screenPlaces); `detailed`, the work's
   * cells of detail in all of it, shown or not (appearance.ts detailedCells); `colour` when the two were compared
   * in blue against yellow rather than in grey (zoom.ts colourLook; `detailed` then counts cells of colour detail).
   */
  onScreen?: { detail: number; unlit: number; detailed: number; fitted?: true; colour?: true };
  /**
   * Set when the post was compared with the work laid over it edge to edge, what was pasted over the work set
   * aside (underOverlays); `detail` as for sameFrame, `cover` the share of the post set aside, `text` whether it
   * was mostly letter-sized (words laid over the work: overlays.ts).
   */
  pasted?: { detail: number; cover: number; text: boolean };
  /** Set when the mapping is into the post mirrored left to right (zoom.ts mirrorLooks): corners in that frame. */
  mirrored?: true;
}

/** Descriptor distance (of 256 bits) a pair may have at most, and the ratio to the second best it must beat. */
const MAX_DISTANCE = 72;
const RATIO = 0.85;

interface Pair { q: number; w: number; d: number }

/** Each post keypoint's nearest work keypoint, kept when clearly nearer than the second (Lowe's ratio test). */
export function matchDescriptors(q: Keypoints, w: Keypoints): Pair[] {
  const out: Pair[] = [];
  const qd = q.desc, wd = w.desc, wn = w.count;
  for (let i = 0; i < q.count; i++) {
    const a = i * 8;
    const q0 = qd[a]!, q1 = qd[a + 1]!, q2 = qd[a + 2]!, q3 = qd[a + 3]!, q4 = qd[a + 4]!, q5 = qd[a + 5]!, q6 = qd[a + 6]!, q7 = qd[a + 7]!;
    let best = 257, second = 257, bi = -1;
    for (let j = 0, b = 0; j < wn; j++, b += 8) {
      let d = popcount4(q0 ^ wd[b]!, q1 ^ wd[b + 1]!, q2 ^ wd[b + 2]!, q3 ^ wd[b + 3]!);
      if (d >= second) continue;
      d += popcount4(q4 ^ wd[b + 4]!, q5 ^ wd[b + 5]!, q6 ^ wd[b + 6]!, q7 ^ wd[b + 7]!);
      if (d < best) { second = best; best = d; bi = j; } else if (d < second) second = d;
    }
    if (bi >= 0 && best <= MAX_DISTANCE && best < RATIO * second) out.push({ q: i, w: bi, d: best });
  }
  // One post keypoint per work keypoint: a repeated texture maps many to one, which proves nothing.
  const byWork = new Map<number, Pair>();
  for (const p of out) {
    const o = byWork.get(p.w);
    if (!o || p.d < o.d) byWork.set(p.w, p);
  }
  return [...byWork.values()];
}

const ITERATIONS = 400;

/** Similarity (scale, rotation, shift) from two pairs: work → post. */
function similarity(ax: number, ay: number, bx: number, by: number, ux: number, uy: number, vx: number, vy: number): Homography | null {
  const dx = bx - ax, dy = by - ay, du = vx - ux, dv = vy - uy;
  const n = dx * dx + dy * dy;
  if (n < 1e-6) return null;
  const a = (dx * du + dy * dv) / n, b = (dx * dv - dy * du) / n;
  return Float64Array.from([a, -b, ux - a * ax + b * ay, b, a, uy - b * ax - a * ay, 0, 0, 1]);
}

/** Least-squares homography (DLT with h8 = 1) over the given pairs; null when degenerate. */
function fitHomography(src: Point[], dst: Point[]): Homography | null {
  // Normal equations of the 8-unknown linear system, solved by Gaussian elimination.
  const A = Array.from({ length: 8 }, () => new Float64Array(9));
  const add = (row: number[], rhs: number) => {
    for (let i = 0; i < 8; i++) {
      if (row[i] === 0) continue;
      for (let j = 0; j < 8; j++) A[i]![j]! += row[i]! * row[j]!;
      A[i]![8]! += row[i]! * rhs;
    }
  };
  for (let k = 0; k < src.length; k++) {
    const { x, y } = src[k]!, { x: u, y: v } = dst[k]!;
    add([x, y, 1, 0, 0, 0, -u * x, -u * y], u);
    add([0, 0, 0, x, y, 1, -v * x, -v * y], v);
  }
  for (let c = 0; c < 8; c++) {
    let p = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[p]![c]!)) p = r;
    if (Math.abs(A[p]![c]!) < 1e-9) return null;
    [A[c], A[p]] = [A[p]!, A[c]!];
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = A[r]![c]! / A[c]![c]!;
      if (f !== 0) for (let k = c; k < 9; k++) A[r]![k]! -= f * A[c]![k]!;
    }
  }
  const h = new Float64Array(9);
  for (let i = 0; i < 8; i++) h[i] = A[i]![8]! / A[i]![i]!;
  h[8] = 1;
  return h;
}

/** Least-squares affine map (6 unknowns) over the given pairs, as a homography; null when degenerate. */
function fitAffine(src: Point[], dst: Point[]): Homography | null {
  // x and y rows share one 3×3 normal matrix [Σxx Σxy Σx; Σxy Σyy Σy; Σx Σy n].
  let xx = 0, xy = 0, yy = 0, x1 = 0, y1 = 0, n = 0, xu = 0, yu = 0, u1 = 0, xv = 0, yv = 0, v1 = 0;
  for (let k = 0; k < src.length; k++) {
    const { x, y } = src[k]!, { x: u, y: v } = dst[k]!;
    xx += x * x; xy += x * y; yy += y * y; x1 += x; y1 += y; n++;
    xu += x * u; yu += y * u; u1 += u; xv += x * v; yv += y * v; v1 += v;
  }
  const det = xx * (yy * n - y1 * y1) - xy * (xy * n - y1 * x1) + x1 * (xy * y1 - yy * x1);
  if (Math.abs(det) < 1e-9) return null;
  // Cramer's rule on [xx xy x1; xy yy y1; x1 y1 n] · (a, b, c) = rhs.
  const solve = (r0: number, r1: number, r2: number) => [
    (r0 * (yy * n - y1 * y1) - xy * (r1 * n - y1 * r2) + x1 * (r1 * y1 - yy * r2)) / det,
    (xx * (r1 * n - y1 * r2) - r0 * (xy * n - y1 * x1) + x1 * (xy * r2 - r1 * x1)) / det,
    (xx * (yy * r2 - r1 * y1) - xy * (xy * r2 - r1 * x1) + r0 * (xy * y1 - yy * x1)) / det,
  ];
  const [a, b, c] = solve(xu, yu, u1), [d, e, f] = solve(xv, yv, v1);
  return Float64Array.from([a!, b!, c!, d!, e!, f!, 0, 0, 1]);
}

/** Least-squares similarity (scale, turn, shift: 4 unknowns) over the given pairs, as a homography; null when degenerate. */
function fitSimilarity(src: Point[], dst: Point[]): Homography | null {
  const n = src.length;
  let sx = 0, sy = 0, dx = 0, dy = 0;
  for (let k = 0; k < n; k++) { sx += src[k]!.x; sy += src[k]!.y; dx += dst[k]!.x; dy += dst[k]!.y; }
  sx /= n; sy /= n; dx /= n; dy /= n;
  let uu = 0, ca = 0, cb = 0;
  for (let k = 0; k < n; k++) {
    const u = src[k]!.x - sx, v = src[k]!.y - sy, x = dst[k]!.x - dx, y = dst[k]!.y - dy;
    uu += u * u + v * v; ca += u * x + v * y; cb += u * y - v * x;
  }
  if (uu < 1e-9) return null;
  const a = ca / uu, b = cb / uu;
  return Float64Array.from([a, -b, dx - a * sx + b * sy, b, a, dy - b * sx - a * sy, 0, 0, 1]);
}

/**
 * How unequal the mapped work's opposite sides are under `h` (0 for any similarity or affine map; a photographed
 * screen reaches ~0.3); Infinity when the outline runs through infinity.
 */
function perspectiveOf(h: Homography, w: Keypoints): number {
  const c = [{ x: 0, y: 0 }, { x: w.width, y: 0 }, { x: w.width, y: w.height }, { x: 0, y: w.height }];
  // The plane's horizon must stay off the work: w > 0 at every corner, or the outline is torn.
  if (c.some((p) => h[6]! * p.x + h[7]! * p.y + h[8]! <= 0)) return Infinity;
  const m = c.map((p) => apply(h, p));
  const side = (i: number) => norm({ x: m[(i + 1) % 4]!.x - m[i]!.x, y: m[(i + 1) % 4]!.y - m[i]!.y });
  const p = Math.max(Math.abs(side(0) / side(2) - 1), Math.abs(side(1) / side(3) - 1));
  return Number.isFinite(p) ? p : Infinity;
}

/**
 * Beyond this perspective a homography through the inliers is extrapolating from a cluster (a screen photo's
 * work often shows its keypoints in one region only): an affine fit through the same inliers is kept instead,
 * which cannot bend the outline. bench:quality screen photos: the real ones measure 0.03–0.3.
 */
const MAX_FIT_PERSPECTIVE = 0.5;

/** A deterministic sequence, so a verdict does not change between two scans of the same picture. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
}

const norm = (p: Point) => Math.hypot(p.x, p.y);

/** The pairs (indexes into `pairs`) that `h` maps to within `tol` post pixels. */
function inliersWithin(q: Keypoints, w: Keypoints, pairs: Pair[], h: Homography, tol: number): number[] {
  const out: number[] = [];
  const t2 = tol * tol;
  for (let k = 0; k < pairs.length; k++) {
    const p = pairs[k]!;
    const m = apply(h, { x: w.x[p.w]!, y: w.y[p.w]! });
    const ex = m.x - q.x[p.q]!, ey = m.y - q.y[p.q]!;
    if (ex * ex + ey * ey <= t2) out.push(k);
  }
  return out;
}

/** The similarity that most pairs agree with, from pairs of pairs drawn at random (a deterministic draw). */
function sample(q: Keypoints, w: Keypoints, pairs: Pair[]): { h: Homography; inl: number[] } | null {
  const qx = q.x, qy = q.y, wx = w.x, wy = w.y;
  // Pixel tolerance in the post: a few pixels at its analysis scale, a little more for the loose first model.
  const loose = 0.02 * Math.hypot(q.width, q.height);
  const next = lcg(pairs.length * 7919 + q.count);
  let best: { h: Homography; inl: number[] } | null = null;
  for (let it = 0; it < ITERATIONS; it++) {
    const a = pairs[Math.floor(next() * pairs.length)]!, b = pairs[Math.floor(next() * pairs.length)]!;
    if (a === b) continue;
    const h = similarity(wx[a.w]!, wy[a.w]!, wx[b.w]!, wy[b.w]!, qx[a.q]!, qy[a.q]!, qx[b.q]!, qy[b.q]!);
    if (!h) continue;
    // The pair's keypoints must agree with the model's scale and turn: most random samples fail here.
    const s = Math.hypot(h[0]!, h[3]!), rot = Math.atan2(h[3]!, h[0]!);
    if (s < 0.1 || s > 6) continue;
    let ok = true;
    for (const p of [a, b]) {
      const ratio = q.scale[p.q]! / w.scale[p.w]! / s;
      let turn = q.angle[p.q]! - w.angle[p.w]! - rot;
      turn = Math.abs(Math.atan2(Math.sin(turn), Math.cos(turn)));
      if (ratio < 0.5 || ratio > 2 || turn > 0.5) ok = false;
    }
    if (!ok) continue;
    const inl = inliersWithin(q, w, pairs, h, loose);
    if (!best || inl.length > best.inl.length) best = { h, inl };
  }
  return best;
}

/**
 * How many pairs one similarity explains between `q` and `w` (0 when too few match to try): verify()'s first
 * step alone, without the homography, the appearance check or the corners.
 */
export function agreeingPairs(q: Keypoints, w: Keypoints): number {
  const pairs = matchDescriptors(q, w);
  return pairs.length < 6 ? 0 : sample(q, w, pairs)?.inl.length ?? 0;
}

/**
 * Matches `q` (the post) against `w` (the work) and fits the mapping; null when fewer than a handful of pairs
 * agree. The caller decides what counts (see confirms()).
 */
export function verify(q: Keypoints, w: Keypoints): Verification | null {
  const pairs = matchDescriptors(q, w);
  if (pairs.length < 6) return null;
  const qx = q.x, qy = q.y, wx = w.x, wy = w.y;
  const qDiag = Math.hypot(q.width, q.height);
  const tight = 0.012 * qDiag;
  const inliersOf = (h: Homography, tol: number) => inliersWithin(q, w, pairs, h, tol);
  const best = sample(q, w, pairs);
  if (!best || best.inl.length < 5) return null;
  // Refine: a homography through the inliers, twice (a screen photo's perspective is not a similarity).
  let { h, inl } = best;
  for (let round = 0; round < 3 && inl.length >= 8; round++) {
    const src = inl.map((k) => ({ x: wx[pairs[k]!.w]!, y: wy[pairs[k]!.w]! })), dst = inl.map((k) => ({ x: qx[pairs[k]!.q]!, y: qy[pairs[k]!.q]! }));
    let fit = fitHomography(src, dst);
    if (!fit || perspectiveOf(fit, w) > MAX_FIT_PERSPECTIVE) fit = fitAffine(src, dst);
    if (!fit) break;
    const again = inliersOf(fit, tight);
    if (again.length < inl.length * 0.8) break;
    h = fit;
    inl = again;
  }
  const bent = mapped(q, w, pairs, h, inl);
  // A few inliers clustered in a small picture of the work (a chat thumbnail, a framed print) can bend a homography
  // they fit within tolerance, and the work laid through it then disagrees with the post. Where it does, the flat
  // fit through the same inliers (a similarity: a thumbnail or a print is the work scaled, maybe turned) is weighed,
  // and kept when its cells agree better. An independently made set (2026-12-06): two chat thumbnails of photos,
  // 13 and 14 pairs, fitted at perspective 0.30 and 0.40 with cells agreeing 0.66 and 0.61, agree 1.00 and 0.82
  // laid flat. A mapping that agrees keeps its perspective: a photographed screen's agrees as well bent as flat, or
  // better, and is named by it.
  if (bent.perspective <= FLAT_FROM || inl.length < 8 || bent.appearance.agree >= BENT_AGREES) return bent;
  const src = inl.map((k) => ({ x: wx[pairs[k]!.w]!, y: wy[pairs[k]!.w]! })), dst = inl.map((k) => ({ x: qx[pairs[k]!.q]!, y: qy[pairs[k]!.q]! }));
  const straight = fitSimilarity(src, dst);
  const flatInl = straight && inliersOf(straight, tight);
  if (!straight || !flatInl || flatInl.length < 0.8 * inl.length) return bent;
  const flat = mapped(q, w, pairs, straight, flatInl);
  return flat.appearance.agree > bent.appearance.agree ? flat : bent;
}

/**
 * A homography bent more than this (a photographed screen's: 0.03–0.17) whose cells agree less than BENT_AGREES
 * (second-stage.ts looksAlike's bar) is weighed against the flat fit.
 */
const FLAT_FROM = 0.06;
const BENT_AGREES = 0.75;

/** The verification of mapping `h` with inlier pairs `inl`: where the work lands in the post, and how alike it looks there. */
function mapped(q: Keypoints, w: Keypoints, pairs: Pair[], h: Homography, inl: number[]): Verification {
  const wx = w.x, wy = w.y;
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const k of inl) {
    const p = pairs[k]!;
    x0 = Math.min(x0, wx[p.w]!); x1 = Math.max(x1, wx[p.w]!);
    y0 = Math.min(y0, wy[p.w]!); y1 = Math.max(y1, wy[p.w]!);
  }
  const [all, spanned] = appearances(q.plane, w.plane, h, { x0, y0, x1, y1 });
  const cornersPx = [{ x: 0, y: 0 }, { x: w.width, y: 0 }, { x: w.width, y: w.height }, { x: 0, y: w.height }].map((c) => apply(h, c));
  const corners = cornersPx.map((c) => ({ x: c.x / q.width, y: c.y / q.height })) as Verification['corners'];
  const top = { x: cornersPx[1]!.x - cornersPx[0]!.x, y: cornersPx[1]!.y - cornersPx[0]!.y };
  return {
    inliers: inl.length,
    matches: pairs.length,
    coverage: Math.max(0, ((x1 - x0) * (y1 - y0)) / (w.width * w.height)),
    homography: h,
    corners,
    rotation: (Math.atan2(top.y, top.x) * 180) / Math.PI,
    scale: norm(top) / w.width,
    perspective: perspectiveOf(h, w),
    appearance: all,
    spanned: { ...spanned, w: (x1 - x0) / w.width, h: (y1 - y0) / w.height },
  };
}

/** Posts whose proportions are within this (log of the ratio, ~3 %) of the work's may be the work edited in place. */
const SAME_FRAME_ASPECT = 0.03;

/**
 * The post compared with the work laid over it, edge to edge, without keypoints: for a repost edited in place (a
 * tiled watermark, heavy noise or recompression, a recolouring) of a smooth or flat work, which has too few corners
 * for a keypoint mapping (an independently made repost set, 2026-12-05: such works gave 11–78 gallery keypoints,
 * and their noise and watermark posts went unconfirmed). Null when the proportions differ (a crop, a frame, a
 * collage: those move the work, and the keypoints must say where). Whether it confirms is confirms()' call, which
 * takes it for smooth works only. With `box`, the work laid over that part of the post instead (zoom.ts
 * pictureLook: the picture of an app screenshot, found by its edges); with `within` too, only the post inside that
 * picture is compared (`quad`: its outline, kept by the caller so its mask is made once), where the work laid over
 * `box` overflows it (a collage tile cut from the work's middle).
 */
export function sameFrame(q: Keypoints, w: Keypoints, box: Box = FULL, within?: { box: Box; quad: Quad }): Verification | null {
  const f = inFrame(q, w, box);
  if (!f) return null;
  const { detail, coarse, ...all } = appearanceInPlace(q.plane, w.plane, f.homography, within && outside(within.quad));
  return { ...f, appearance: all, spanned: { ...all, w: 1, h: 1 }, sameFrame: { detail, coarse, ...(within ? { within: within.box } : {}) } };
}

/**
 * The post compared with the work laid over it edge to edge, with what the post shows pasted over the work set
 * aside (overlays.ts: compact patches outlined by an edge of the post, not of the work): a smooth or flat work
 * under stickers, emoji, speech bubbles or a tiled watermark's words, which keeps too few corners for the keypoints
 * (an independently made repost set, 2026-12-05: 19 of its 80 sticker posts unconfirmed, every one of them a work
 * edited in place). Null when the proportions differ or nothing is pasted over. Whether it confirms is confirms()'
 * call (second-stage.ts pastedAlike).
 */
export function underOverlays(q: Keypoints, w: Keypoints): Verification | null {
  const f = inFrame(q, w);
  const hidden = f && overlaysOver(q.plane, w.plane);
  if (!f || !hidden) return null;
  // The finer detail alone: what was set aside leaves the coarser samples few.
  const { detail, coarse: _coarse, ...all } = appearanceInPlace(q.plane, w.plane, f.homography, hidden);
  return { ...f, appearance: all, spanned: { ...all, w: 1, h: 1 }, pasted: { detail, cover: hidden.cover, text: hidden.text } };
}

/**
 * The post compared with the work laid over it edge to edge, the ink of words tiled over it set aside (marks.ts):
 * a smooth work under a dense watermark, whose letters the sticker look's overview averages away (an independently
 * made set, 2026-12-06: 15 of its 160 watermark posts missed, all of five smooth works — two dark wallpapers, a
 * colour gradient, a soft illustration and a stormy sky). Null when the proportions differ or no tiled mark is found. Whether it confirms is
 * confirms()' call (second-stage.ts pastedAlike, as for stickers and words set aside by their outline).
 */
export function underMarks(q: Keypoints, w: Keypoints): Verification | null {
  const f = inFrame(q, w);
  const marks = f && marksOver(q.plane, w.plane);
  if (!f || !marks) return null;
  const { detail, ...all } = appearanceUnmasked(marks.post, w.plane, marks.keep);
  return { ...f, appearance: all, spanned: { ...all, w: 1, h: 1 }, pasted: { detail, cover: marks.cover, text: true } };
}

/**
 * The work laid over the post edge to edge, or over `box` of it (fractions of the post: a picture found in it),
 * when their proportions allow (SAME_FRAME_ASPECT); no comparison yet.
 */
function inFrame(q: Keypoints, w: Keypoints, box: Box = FULL): Omit<Verification, 'appearance' | 'spanned'> | null {
  const bw = box.w * q.width, bh = box.h * q.height;
  if (!(bw > 0 && bh > 0) || Math.abs(Math.log((bw / bh) / (w.width / w.height))) > SAME_FRAME_ASPECT) return null;
  const sx = bw / w.width, sy = bh / w.height;
  const { x, y, w: bx, h: by } = box;
  return {
    inliers: 0, matches: 0, coverage: 1, homography: Float64Array.of(sx, 0, x * q.width, 0, sy, y * q.height, 0, 0, 1),
    corners: [{ x, y }, { x: x + bx, y }, { x: x + bx, y: y + by }, { x, y: y + by }],
    rotation: 0, scale: sx, perspective: 0,
  };
}

/** Side of the mask that hides what lies outside a screen's outline (outside): a sample spans ~1/64 of the post. */
const OUTSIDE_SIDE = 128;
/**
 * The last outlines' masks, by their corners, the most recently used last: each shortlisted work's places are made
 * anew from one screen. A look lays each work over up to six screens at three insets and over each picture box
 * (16 KB a mask): 16 kept were fewer than one look asks for, and each mask was made again for every work.
 */
const outsides = new Map<string, Hidden>();
const KEPT_OUTSIDES = 64;
/** The same masks by outline object (a screen's, asked at every place of a work): no key to build. */
const outsideOf = new WeakMap<Quad, Hidden>();

/**
 * The post outside a screen's outline or a picture's box (fractions of the post) as a mask (1 = outside): where a
 * work that overflows the screen or the picture is cut off, the post shows the bezel and the room, or the next
 * tile, not the work's absence. Kept per outline, which the looks ask for at several places of each work.
 */
function outside(quad: Quad): Hidden {
  // The same outline object first (a screen's, asked at every place of every work), then an equal one.
  let mask = outsideOf.get(quad);
  if (mask) return mask;
  const key = quad.map((p) => `${p.x},${p.y}`).join(';');
  mask = outsides.get(key);
  if (mask) {
    outsides.delete(key);
    outsides.set(key, mask);
    outsideOf.set(quad, mask);
    return mask;
  }
  const data = new Uint8Array(OUTSIDE_SIDE * OUTSIDE_SIDE);
  const turn = Math.sign(signedArea(quad)) || 1;
  for (let y = 0; y < OUTSIDE_SIDE; y++) {
    for (let x = 0; x < OUTSIDE_SIDE; x++) {
      if (!insideQuad(quad, (x + 0.5) / OUTSIDE_SIDE, (y + 0.5) / OUTSIDE_SIDE, turn)) data[y * OUTSIDE_SIDE + x] = 1;
    }
  }
  if (outsides.size >= KEPT_OUTSIDES) outsides.delete(outsides.keys().next().value!);
  outsides.set(key, (mask = { data, side: OUTSIDE_SIDE }));
  outsideOf.set(quad, mask);
  return mask;
}

/**
 * The post compared with the work laid over a quadrilateral of it (fractions of the post): a photographed screen
 * (layout.ts screenQuads), for a smooth or flat work whose few corners a screen's moiré and glare drown (an
 * independently made set's screen photos, 2026-12-05: a desert, a cylinder of paper, a storm sky under moiré bands
 * and a glare, with no keypoint mapping and a straightened screen the vectors put at 0.76–0.91). `screen`: the
 * screen's outline, when the work overflows it (screen-places.ts screenPlaces); the post outside it is left out.
 * `fitted`: the work placed in its own proportions (marked in onScreen). `wave`: the screen's moiré (moire.ts
 * screenWave). Whether it confirms is confirms()' call (second-stage.ts screenAlike).
 */
export function onQuad(q: Keypoints, w: Keypoints, quad: Quad, { screen, fitted = false, wave }: { screen?: Quad; fitted?: boolean; wave?: Wave } = {}): Verification | null {
  return laidOnQuad(q, w, quad, (h) => {
    const { detail, unlit, detailed, ...all } = appearanceOnScreen(q.plane, w.plane, h, screen && outside(screen), wave);
    return { appearance: all, onScreen: { detail, unlit, detailed, ...(fitted ? { fitted } : {}) } };
  });
}

/**
 * The work laid over a quadrilateral of the post (fractions of the post), without keypoints: the mapping, corners,
 * turn and scale every such look shares, with what `compare` says of the two pictures through the mapping.
 */
function laidOnQuad(q: Keypoints, w: Keypoints, quad: Quad, compare: (h: Homography) => Pick<Verification, 'appearance' | 'sameFrame' | 'onScreen'>): Verification | null {
  const corners = quad.map((p) => ({ x: p.x * q.width, y: p.y * q.height })) as Quad;
  const h = quadMapping(w, corners);
  if (!h) return null;
  const seen = compare(h);
  const top = { x: corners[1].x - corners[0].x, y: corners[1].y - corners[0].y };
  return {
    inliers: 0, matches: 0, coverage: 1, homography: h,
    corners: quad.map((p) => ({ ...p })) as Verification['corners'],
    rotation: (Math.atan2(top.y, top.x) * 180) / Math.PI, scale: norm(top) / w.width, perspective: perspectiveOf(h, w),
    ...seen, spanned: { ...seen.appearance, w: 1, h: 1 },
  };
}

/**
 * The post compared with the work laid over a quadrilateral of it (fractions of the post) as a picture turned in
 * place, not a screen: a smooth work tilted with its corners filled (zoom.ts tiltLook), which has too few corners
 * for the keypoints. Judged as a work laid edge to edge is (`sameFrame`: second-stage.ts sameFrameAlike).
 */
export function turnedOver(q: Keypoints, w: Keypoints, quad: Quad): Verification | null {
  return laidOnQuad(q, w, quad, (h) => {
    // Samples reaching past the outline read the fill (white or black against a dark or light work), and the outline,
    // found to a pixel or two, may run a little outside the picture's edge: its outer band is left out (TURNED_INSIDE).
    const { detail, coarse, ...all } = appearanceInPlace(q.plane, w.plane, h, outside(scaleAbout(quad, TURNED_INSIDE)));
    return { appearance: all, sameFrame: { detail, coarse } };
  });
}

/** The part of a turned picture's outline compared (scaled about its centre): its outer 2 % may hold the fill. */
const TURNED_INSIDE = 0.96;

/** onQuad's whole-picture correlation on a coarse grid (appearance.ts roughWhole); −1 when the quad is degenerate. */
export function onQuadRoughly(q: Keypoints, w: Keypoints, quad: Quad, screen?: Quad): number {
  const h = quadMapping(w, quad.map((p) => ({ x: p.x * q.width, y: p.y * q.height })) as Quad);
  return h ? roughWhole(q.plane, w.plane, h, screen && outside(screen)) : -1;
}

/** The work's level-0 corners → `corners` (post level-0 pixels). */
const quadMapping = (w: Keypoints, corners: Quad): Homography | null =>
  homography([{ x: 0, y: 0 }, { x: w.width, y: 0 }, { x: w.width, y: w.height }, { x: 0, y: w.height }], corners);
