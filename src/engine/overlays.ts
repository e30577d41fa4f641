// Stickers, emoji and speech bubbles pasted over a work, found against the work itself. The fast stage's sticker
// finder (stickers.ts) reads the post alone, so it stands down on flat designs, whose own shapes pass for stickers
// (an independently made repost set, 2026-12-05: on 33 of its 80 sticker posts, and on 11 of the 19 it missed); and a
// smooth work under stickers has too few corners left for the keypoints. In the second stage the work is at hand:
// where the post, laid over the work edge to edge, differs from it in a compact patch whose outline is a sharp
// edge of the post and not of the work, something was pasted there. Those patches are set aside and the rest of
// the post compared with the work (appearance.ts `hidden`, verify.ts underOverlays).
//
// The outline rules are what keep two works drawn on one template apart: where a road sign's pictogram differs
// from its sibling's, the difference is outlined by both pictograms' edges. Measured (2026-12-05) on corpus/art's
// template pairs (road signs of one set, the WHO and UN emblems): every such patch had 57–90 % of its outline on
// an edge of the work; of the independent set's sticker patches with a sharp outline, 85 % had at most half. A
// different picture differs along the work's outlines too, where the post is plain, and those parts are never set
// aside. Pure; reads the keypoints' grey planes.
import type { Plane8 as Plane } from './keypoints';
import { Slot } from './scratch';
import { fillHoles } from './stickers';

/** Side of the square both planes are read at: the appearance grid is 64 samples, so twice that is plenty. */
export const OVERLAY_SIDE = 128;
/** Grey levels (after the light fit) by which the post must differ from the work to be part of a patch. */
const DIFF = 28;
/** Share of the pixels, those that differ least, the light fit is made from once stickers may be among the rest. */
const FIT_SHARE = 0.7;
/**
 * A patch covers this share of the picture: from one letter of a tiled watermark's words (8 pixels of the 128²)
 * to a large bubble.
 */
const MIN_PATCH = 0.0005;
/** Patches under this share are letters rather than stickers: where they cover most of what is set aside, text. */
const SMALL_PATCH = 0.004;
const MAX_PATCH = 0.15;
/** Its area (holes filled) over its bounding box's: a heart, a star, a bubble; not a band along an outline. */
const MIN_FILL = 0.3;
/**
 * A picture steps by EDGE grey levels to a neighbouring pixel (EDGE_REACH) at an edge: a soft ramp — a sun's glow,
 * a hill's blended horizon — does not (within two pixels it did, and stickers over those were kept). Along
 * MIN_SHARP of its outline a patch is an edge of the post, and along at most MAX_WORK_SHARP an edge of the work:
 * pasted, not drawn.
 */
const EDGE = 36;
const EDGE_REACH = 1;
const MIN_SHARP = 0.6;
const MAX_WORK_SHARP = 0.5;
/**
 * A sticker's outline is the post's edge all round, wherever the work's edges cross it; where two pictograms on
 * one template overlap, the patch of their difference is outlined partly by the work's pictogram alone (a lorry
 * and a bicycle in one sign: 16 % of the outline, its share of the work's outline under half). Of the independent
 * set's sticker patches with a sharp outline, 88 % have at most 12 %.
 */
const MAX_WORK_ONLY = 0.12;
/**
 * At most this share of the work's edges may lie under what is set aside: a finding rests on most of the work's
 * drawing showing. Another figure drawn over the artist's on the same smooth background hid 62–100 % of its
 * edges in a review's made pictures (one 32 %); the independent set's sticker posts this look confirms hide at
 * most 46 % (one, a goldfish under a large sticker, 57 %, is given up).
 */
const MAX_HIDDEN_EDGES = 0.5;
/** Letter-sized patches that make a post's overlay words: a few small stickers or sparkles are not text. */
const MIN_LETTERS = 12;
/** All patches together cover this share of the picture at least and at most. */
const MIN_COVER = 0.02;
const MAX_COVER = 0.35;

const LABELS = new Slot(Int32Array), STACK = new Slot(Int32Array), DIFFS = new Slot(Uint8Array);

interface Overview { mean: Uint8Array; step: Uint8Array }
/**
 * Planes are not changed once made: a post's overview serves every work, a kept work's every post (the model host
 * keeps 48 works' keypoints; 32 KB each here).
 */
const overviews = new WeakMap<Plane, Overview>();

/**
 * A plane averaged down to OVERLAY_SIDE², each cell over at least one source pixel (a plane smaller than the
 * overview repeats its pixels rather than leaving cells empty), with each cell's largest step to a neighbour.
 */
function overviewOf(p: Plane): Overview {
  let o = overviews.get(p);
  if (o) return o;
  const S = OVERLAY_SIDE, mean = new Uint8Array(S * S);
  const { data, width: w, height: h } = p;
  const span = (i: number, size: number): [number, number] => {
    const a = Math.min(size - 1, Math.floor((i * size) / S));
    return [a, Math.max(a + 1, Math.floor(((i + 1) * size) / S))];
  };
  for (let Y = 0; Y < S; Y++) {
    const [y0, y1] = span(Y, h);
    for (let X = 0; X < S; X++) {
      const [x0, x1] = span(X, w);
      let sum = 0;
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) sum += data[y * w + x]!;
      mean[Y * S + X] = Math.round(sum / ((y1 - y0) * (x1 - x0)));
    }
  }
  const step = new Uint8Array(S * S);
  for (let y = 0; y < S; y++) {
    for (let x = 0; x < S; x++) {
      const v = mean[y * S + x]!;
      let m = 0;
      for (let yy = Math.max(0, y - EDGE_REACH); yy <= Math.min(S - 1, y + EDGE_REACH); yy++) {
        for (let xx = Math.max(0, x - EDGE_REACH); xx <= Math.min(S - 1, x + EDGE_REACH); xx++) {
          const d = Math.abs(mean[yy * S + xx]! - v);
          if (d > m) m = d;
        }
      }
      step[y * S + x] = m;
    }
  }
  o = { mean, step };
  overviews.set(p, o);
  return o;
}

/** Least-squares b ≈ α·a + β over the pixels `use` lets in; α = 1 where a is flat. */
function fit(a: Uint8Array, b: Uint8Array, use: (i: number) => boolean): [number, number] {
  let n = 0, sa = 0, sb = 0, saa = 0, sab = 0;
  for (let i = 0; i < a.length; i++) {
    if (!use(i)) continue;
    n++; sa += a[i]!; sb += b[i]!; saa += a[i]! * a[i]!; sab += a[i]! * b[i]!;
  }
  if (n < 2) return [1, 0];
  const va = saa / n - (sa / n) ** 2;
  const al = va > 1 ? (sab / n - (sa / n) * (sb / n)) / va : 1;
  return [al, sb / n - (al * sa) / n];
}

/**
 * The post's light and dark as the work's (a recoloured or darker repost): p ≈ α·w + β, fitted again without the
 * pixels that differ most (the stickers or a mark's ink, if any).
 */
export function lightFit(w: Uint8Array, p: Uint8Array): [number, number] {
  const n = w.length;
  const [al, be] = fit(w, p, () => true);
  // The FIT_SHARE quantile of the differences, from a histogram of whole grey levels (no sort).
  const res = new Float32Array(n), counts = new Uint32Array(257);
  for (let i = 0; i < n; i++) {
    res[i] = Math.abs(p[i]! - al * w[i]! - be);
    counts[Math.min(256, Math.ceil(res[i]!))]!++;
  }
  let cut = 0;
  for (let seen = counts[0]!; seen < n * FIT_SHARE && cut < 256;) seen += counts[++cut]!;
  return fit(w, p, (i) => res[i]! <= cut);
}

export interface Overlays {
  /** 1 where the post shows something pasted over the work: `side` × `side` over the whole post. */
  data: Uint8Array;
  side: number;
  /** Share of the post set aside. */
  cover: number;
  /**
   * Whether most of it is in patches a letter's size (SMALL_PATCH), MIN_LETTERS of them at least: words laid over
   * the work, not stickers.
   */
  text: boolean;
}

/**
 * What the post shows pasted over the work, both planes covering the same frame (the post is the work edited in
 * place), or null when nothing is, or too much for the post to be the work under stickers.
 */
export function overlaysOver(post: Plane, work: Plane): Overlays | null {
  const S = OVERLAY_SIDE, n = S * S;
  const { mean: p, step: postStep } = overviewOf(post), { mean: w, step: workStep } = overviewOf(work);
  const [al, be] = lightFit(w, p);
  const diff = DIFFS.take(n);
  for (let i = 0; i < n; i++) diff[i] = Math.abs(p[i]! - al * w[i]! - be) > DIFF ? 1 : 0;
  // The work's steps as they show in the post's light.
  const workEdge = EDGE / Math.max(Math.abs(al), 0.05);
  const labels = LABELS.take(n).fill(-1), stack = STACK.take(n);
  const mask = new Uint8Array(n);
  // Pixels set aside, grown; and the patches' own areas, all and letter-sized.
  let covered = 0, patched = 0, small = 0, letters = 0;
  for (let s = 0, id = 0; s < n; s++, id++) {
    if (!diff[s] || labels[s]! >= 0) continue;
    // One patch: differing pixels joined through their 8 neighbours.
    const members: number[] = [];
    let top = 0, x0 = S, y0 = S, x1 = 0, y1 = 0;
    labels[s] = id;
    stack[top++] = s;
    while (top > 0) {
      const i = stack[--top]!;
      members.push(i);
      const y = (i / S) | 0, x = i - y * S;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      for (let yy = Math.max(0, y - 1); yy <= Math.min(S - 1, y + 1); yy++) {
        for (let xx = Math.max(0, x - 1); xx <= Math.min(S - 1, x + 1); xx++) {
          const j = yy * S + xx;
          if (diff[j] && labels[j]! < 0) { labels[j] = id; stack[top++] = j; }
        }
      }
    }
    if (members.length > MAX_PATCH * n) continue;
    const bw = x1 - x0 + 1, bh = y1 - y0 + 1;
    // Holes (a bubble's words, an emoji's eyes) are the patch's: it is drawn in its box and filled.
    const box = new Uint8Array(bw * bh);
    for (const i of members) box[(((i / S) | 0) - y0) * bw + (i % S) - x0] = 1;
    fillHoles(box, bw, bh);
    let area = 0;
    for (let i = 0; i < box.length; i++) area += box[i]!;
    if (area < MIN_PATCH * n || area > MAX_PATCH * n || area / (bw * bh) < MIN_FILL) continue;
    // Its outline: pixels with a 4-neighbour outside it (the picture's own border not counted).
    let edge = 0, postSharp = 0, workSharp = 0, workOnly = 0;
    for (let by = 0; by < bh; by++) {
      for (let bx = 0; bx < bw; bx++) {
        if (!box[by * bw + bx]) continue;
        const x = bx + x0, y = by + y0;
        const out = (bx > 0 ? !box[by * bw + bx - 1] : x > 0) || (bx < bw - 1 ? !box[by * bw + bx + 1] : x < S - 1)
          || (by > 0 ? !box[(by - 1) * bw + bx] : y > 0) || (by < bh - 1 ? !box[(by + 1) * bw + bx] : y < S - 1);
        if (!out) continue;
        edge++;
        const ps = postStep[y * S + x]! >= EDGE, ws = workStep[y * S + x]! >= workEdge;
        if (ps) postSharp++;
        if (ws) workSharp++;
        if (ws && !ps) workOnly++;
      }
    }
    if (!edge || postSharp < MIN_SHARP * edge || workSharp > MAX_WORK_SHARP * edge || workOnly > MAX_WORK_ONLY * edge) continue;
    patched += area;
    if (area < SMALL_PATCH * n) { small += area; letters++; }
    // Set aside grown by a pixel: the outline's antialiased rim.
    for (let by = 0; by < bh; by++) {
      for (let bx = 0; bx < bw; bx++) {
        if (!box[by * bw + bx]) continue;
        for (let y = Math.max(0, by + y0 - 1); y <= Math.min(S - 1, by + y0 + 1); y++) {
          for (let x = Math.max(0, bx + x0 - 1); x <= Math.min(S - 1, bx + x0 + 1); x++) {
            if (!mask[y * S + x]) { mask[y * S + x] = 1; covered++; }
          }
        }
      }
    }
  }
  if (covered < MIN_COVER * n || covered > MAX_COVER * n) return null;
  let edges = 0, hiddenEdges = 0;
  for (let i = 0; i < n; i++) {
    if (workStep[i]! < workEdge) continue;
    edges++;
    hiddenEdges += mask[i]!;
  }
  if (hiddenEdges > MAX_HIDDEN_EDGES * edges) return null;
  return { data: mask, side: S, cover: covered / n, text: small > patched / 2 && letters >= MIN_LETTERS };
}
