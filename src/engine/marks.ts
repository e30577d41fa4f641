// Words tiled over a whole work (a reposting account's watermark), found against the work itself. A dense tiled
// mark over a smooth work leaves MobileNet little of it and the keypoints nothing, and the in-place look
// (verify.ts sameFrame) then compares the words' strokes more than the work's soft shapes. The sticker look
// (overlays.ts) looks for compact patches on a 128² overview, where letters a few pixels wide are averaged into the
// work and rarely cross its bars. Here the post is read at the work's plane's size: a mark is one ink, white or
// black, laid at one opacity, so once the post's light is fitted to the work's, the post lies to one side of the
// work wherever a letter is and on it elsewhere. Those pixels and a rim round them are set aside and the rest
// compared (appearance.ts appearanceUnmasked). A different picture differs both ways, and setting one side aside
// leaves the other; and a mark is thin strokes spread over all of the picture, where another picture's difference
// (a figure, a pictogram of one template) is solid and in its place. Pure; reads the keypoints' grey planes.
import type { Plane8 as Plane } from './keypoints';
import { greyPlaneResample } from './image';
import { lightFit } from './overlays';

/**
 * Grey levels (after the light fit) past which a pixel is taken for ink: MARK_NOISE times the median difference
 * (JPEG's and resampling's noise, ~1–3 levels on a smooth work), at least MARK_INK. A black mark at 20 % over a
 * teal wallpaper darkens it by ~16 levels (an independently made set's, 2026-12-06, which a bar of 14 found only in
 * part).
 */
const MARK_INK = 8;
const MARK_NOISE = 4;
/** Pixels round each inked one also set aside: a letter's antialiased rim and a light mark's dark outline. */
const MARK_RIM = 2;
/** Share of the post the ink and its rim must cover, at least and at most. */
const MIN_COVER = 0.03;
const MAX_COVER = 0.6;
/**
 * Ink is looked for in a SPREAD_GRID² grid of blocks: a tiled mark leaves ≥ 1 % ink in at least MIN_SPREAD of them,
 * and is thin: at most MAX_SOLID of its ink pixels have ink all round within SOLID_REACH pixels. Measured
 * (2026-12-06, scratch analysis): of the independently made set's 160 watermark posts (both draws), 120 pass these
 * rules against their own works and 118 of those then confirm (whole and detail ≥ 0.998; most of the other 40 are
 * detailed works, which the keypoints confirm). Of ~5,200 same-frame pairs of other pictures (corpus/art and
 * corpus/style among themselves, the set's 770 negatives over its works), 17 would confirm with no such rule —
 * clip art over other clip art on white, one wallpaper's two colourings, the WHO and UN emblems, two plasma
 * wallpapers of one series — with spread 0.14–0.78 and solid 0.19–0.85; with the rules, 60 pairs pass them and none
 * confirms (min(whole, detail) ≤ 0.23).
 */
const SPREAD_GRID = 6;
const MIN_SPREAD = 0.75;
const MAX_SOLID = 0.1;
const SOLID_REACH = 2;
/**
 * And a mark's ink runs in letters' strokes: at least MIN_STROKED of it in 8-connected runs of STROKE pixels or
 * more. The same set's watermark posts that pass the rules above: 0.87–0.98. Its noise posts that do (their grain
 * lies to one side of the work too, spread and thin): 0.00–0.04, and one was taken for a watermark before this rule;
 * its low-quality JPEG posts 0.00–0.50, bar three clip-art posts whose blocks ring along the drawing's outlines
 * (0.81–0.85; the keypoints confirm them before this look is asked).
 */
const STROKE = 16;
const MIN_STROKED = 0.75;

export interface Marks {
  /** The post at the work's plane's size: what is compared with the work. */
  post: Plane;
  /** 1 where the post shows the work (no ink near), at the same size. */
  keep: Uint8Array;
  /** Share of the post set aside. */
  cover: number;
}

/**
 * The ink of a mark laid over the work (both planes covering the same frame: the post is the work edited in place),
 * or null when nothing like a tiled mark lies over it.
 */
export function marksOver(post: Plane, work: Plane): Marks | null {
  const { width: W, height: H } = work, n = W * H;
  const { p, ink } = inkOver(post, work);
  if (!tiled(ink, W, H)) return null;
  const keep = rimmed(ink, W, H);
  let hidden = 0;
  for (let i = 0; i < n; i++) hidden += 1 - keep[i]!;
  const cover = hidden / n;
  if (cover < MIN_COVER || cover > MAX_COVER) return null;
  return { post: { data: p, width: W, height: H }, keep, cover };
}

/** The post at the work's size, and 1 where it lies past the bar to the side more of it lies on (the ink). */
export function inkOver(post: Plane, work: Plane): { p: Uint8Array; ink: Uint8Array } {
  const { width: W, height: H } = work, n = W * H;
  const p = greyPlaneResample(post, W, H);
  const [al, be] = lightFit(work.data, p);
  const res = new Float32Array(n), counts = new Uint32Array(257);
  for (let i = 0; i < n; i++) {
    res[i] = p[i]! - al * work.data[i]! - be;
    counts[Math.min(256, Math.round(Math.abs(res[i]!)))]!++;
  }
  let median = 0;
  for (let seen = counts[0]!; seen < n / 2 && median < 256;) seen += counts[++median]!;
  const bar = Math.max(MARK_INK, MARK_NOISE * median);
  let above = 0, below = 0;
  for (let i = 0; i < n; i++) {
    if (res[i]! > bar) above++;
    else if (res[i]! < -bar) below++;
  }
  // The ink is the side more of the post lies on.
  const sign = above >= below ? 1 : -1;
  const ink = new Uint8Array(n);
  for (let i = 0; i < n; i++) ink[i] = sign * res[i]! > bar ? 1 : 0;
  return { p, ink };
}

/** Whether the ink is spread over the picture in thin strokes (MIN_SPREAD, MAX_SOLID). */
export function tiled(ink: Uint8Array, W: number, H: number): boolean {
  const B = SPREAD_GRID, inBlock = new Uint32Array(B * B), area = new Uint32Array(B * B);
  let inked = 0, solid = 0;
  for (let y = 0; y < H; y++) {
    const by = Math.min(B - 1, Math.floor((y * B) / H)) * B;
    for (let x = 0; x < W; x++) {
      const b = by + Math.min(B - 1, Math.floor((x * B) / W));
      area[b]!++;
      if (!ink[y * W + x]) continue;
      inBlock[b]!++;
      inked++;
      if (surrounded(ink, W, H, x, y)) solid++;
    }
  }
  let spread = 0;
  for (let b = 0; b < B * B; b++) if (inBlock[b]! >= 0.01 * area[b]!) spread++;
  return spread >= MIN_SPREAD * B * B && solid <= MAX_SOLID * inked && stroked(ink, W, H) >= MIN_STROKED * inked;
}

/** Ink pixels in 8-connected runs of STROKE pixels or more: letters' strokes, not grain. */
function stroked(ink: Uint8Array, W: number, H: number): number {
  const n = W * H, seen = new Uint8Array(n), stack: number[] = [];
  let inRuns = 0;
  for (let s = 0; s < n; s++) {
    if (!ink[s] || seen[s]) continue;
    let size = 0;
    seen[s] = 1;
    stack.push(s);
    while (stack.length) {
      const i = stack.pop()!;
      size++;
      const y = (i / W) | 0, x = i - y * W;
      for (let yy = Math.max(0, y - 1); yy <= Math.min(H - 1, y + 1); yy++) {
        for (let xx = Math.max(0, x - 1); xx <= Math.min(W - 1, x + 1); xx++) {
          const j = yy * W + xx;
          if (ink[j] && !seen[j]) { seen[j] = 1; stack.push(j); }
        }
      }
    }
    if (size >= STROKE) inRuns += size;
  }
  return inRuns;
}

/** Whether every pixel within SOLID_REACH of (x, y) is ink (the picture's border counts as no ink). */
function surrounded(ink: Uint8Array, W: number, H: number, x: number, y: number): boolean {
  const R = SOLID_REACH;
  if (x < R || y < R || x >= W - R || y >= H - R) return false;
  for (let yy = y - R; yy <= y + R; yy++) for (let xx = x - R; xx <= x + R; xx++) if (!ink[yy * W + xx]) return false;
  return true;
}

/** 1 where no ink lies within MARK_RIM (a square neighbourhood: rows, then columns). */
function rimmed(ink: Uint8Array, W: number, H: number): Uint8Array {
  const n = W * H, near = new Uint8Array(n), keep = new Uint8Array(n).fill(1);
  for (let y = 0; y < H; y++) {
    for (let x = 0, last = -Infinity; x < W; x++) if (ink[y * W + x]) last = x; else if (x - last <= MARK_RIM) near[y * W + x] = 1;
    for (let x = W - 1, last = Infinity; x >= 0; x--) if (ink[y * W + x]) { last = x; near[y * W + x] = 1; } else if (last - x <= MARK_RIM) near[y * W + x] = 1;
  }
  for (let x = 0; x < W; x++) {
    for (let y = 0, last = -Infinity; y < H; y++) if (near[y * W + x]) last = y; else if (y - last <= MARK_RIM) keep[y * W + x] = 0;
    for (let y = H - 1, last = Infinity; y >= 0; y--) if (near[y * W + x]) { last = y; keep[y * W + x] = 0; } else if (last - y <= MARK_RIM) keep[y * W + x] = 0;
  }
  return keep;
}
