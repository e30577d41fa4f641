// Turns the evidence of one feed image into a verdict the artist can act on. Pure. Every threshold names the
// benchmark figure behind it (npm run bench:quality; ../corpus/art split into gallery and distractors).
import type { Evidence } from './matcher';
import { hashScore } from './matcher';
import { FULL } from './image';
import { galleryRegionBox, type RegionKind } from './regions';

export type VerdictKind = 'copy' | 'edit' | 'style' | 'none';

export { ENGINE_VERSION } from './version';

export interface Verdict {
  kind: VerdictKind;
  /** 0..1, comparable across images: 0.5 is where a signal starts to count. */
  score: number;
  workId: string | null;
  workName: string | null;
  /** Which signal decided, and the transform it suggests (mirrored, a cropped region, …). */
  signal?: 'hash' | 'global' | 'regional' | 'style' | 'local' | 'overlay' | 'screen' | 'stickers';
  transform?: string;
  /**
   * Which part of the post shows which part of the work, as [x, y, w, h] in 0..1 of each picture, when the
   * match says so (a crop of the work): the report page overlays the pair aligned.
   */
  align?: { query: [number, number, number, number]; work: [number, number, number, number] };
  /** The work's corners in the post (fractions of the post, TL TR BR BL) when local keypoints mapped it (second-stage.ts). */
  corners?: [[number, number], [number, number], [number, number], [number, number]];
  /** Each signal's best score, for the evidence panel and the CLI. */
  signals?: { hash: number; global: number; regional: number; style: number };
}

/**
 * Hamming distance (of 256) at or under which two hashes are the same picture. bench:quality: the closest
 * negative sits at distance 52 (hash score 0.594); 40 keeps a margin and still catches 82.6 % of mild edits.
 */
export const HASH_COPY_DISTANCE = 40;
/**
 * Whole-image cosine at or above which the post is the work. bench:quality: the highest negative is 0.941, so
 * 0.945 flags 0 of 504 negatives while the fused verdict keeps 99.6 % recall on mild edits.
 */
export const GLOBAL_COPY = 0.945;
/**
 * Region-to-region cosine at or above which part of the post is (part of) the work. bench:quality: the highest
 * negative region pair is 0.941; at 0.945 regions alone reach 93.1 % of mild and 96.6 % of hard edits.
 */
export const REGIONAL_EDIT = 0.945;
/**
 * Calibrated style score (engine/style.ts: 0.5 = a margin — closeness to the artist's works minus closeness to
 * other art — higher than 99.5 % of the reference art's AND within the artist's own range) at or above which a post
 * resembles the artist's style. bench:quality, ../corpus/style two-fold: recall 44.8 % of the artists' unseen works,
 * 4.6 % of other artists' works flagged (issue 13 asks ≥ 60 % at ≤ 5 %).
 */
export const STYLE_MATCH = 0.5;

/** Maps a raw signal onto 0..1 so its threshold lands on 0.5 and signals can be compared and fused. */
function calibrate(raw: number, threshold: number, noise: number): number {
  if (raw >= threshold) return 0.5 + (0.5 * (raw - threshold)) / Math.max(1e-6, 1 - threshold);
  return Math.max(0, (0.5 * (raw - noise)) / Math.max(1e-6, threshold - noise));
}

/** Typical best score of an unrelated image, per signal: where the calibrated scale starts. */
const NOISE = { hash: hashScore(112), global: 0.6, regional: 0.65 };

export function fusedScores(e: Evidence): { hash: number; global: number; regional: number } {
  return {
    hash: e.hash ? calibrate(e.hash.score, hashScore(HASH_COPY_DISTANCE), NOISE.hash) : 0,
    global: e.global ? calibrate(e.global.score, GLOBAL_COPY, NOISE.global) : 0,
    regional: e.regional ? calibrate(e.regional.score, REGIONAL_EDIT, NOISE.regional) : 0,
  };
}

/** A raw region cosine on the fused scale (0.5 = REGIONAL_EDIT): how the second stage ranks candidate works. */
export const regionalFused = (raw: number) => calibrate(raw, REGIONAL_EDIT, NOISE.regional);

/** The transform a matching query region stands for ('whole' is region 0, a crop, handled above). */
export const TRANSFORM_OF: Record<RegionKind, string> = { whole: 'cropped', framed: 'framed', screenshot: 'framed', tile: 'collage', tilted: 'rotated', screen: 'screen-photo', stickers: 'stickers' };

const NONE: Verdict = { kind: 'none', score: 0, workId: null, workName: null };

export function decide(e: Evidence): Verdict {
  const f = fusedScores(e);
  const signals = { hash: e.hash?.score ?? 0, global: e.global?.score ?? 0, regional: e.regional?.score ?? 0, style: e.style?.score ?? 0 };
  const base = { workName: null, signals };
  if (e.hash && f.hash >= 0.5) {
    const transform = e.hash.transform === 'identity' ? undefined : e.hash.transform;
    return { ...base, kind: 'copy', score: Math.max(f.hash, f.global), workId: e.hash.workId, signal: 'hash', transform };
  }
  if (e.global && f.global >= 0.5) {
    return { ...base, kind: 'copy', score: f.global, workId: e.global.workId, signal: 'global', transform: e.global.mirrored ? 'mirror-x' : undefined };
  }
  if (e.regional && f.regional >= 0.5) {
    // Region 0 of the post against a crop of the work: the post is a crop. A post region against the work:
    // the work sits inside a larger picture, and the region's kind says which (a collage tile, a straightened
    // tilt, a frame or screenshot).
    // Stickers are named only when no plainer pairing of the same work passes on its own (matcher.ts).
    const plain = e.unpainted;
    const named = plain && plain.workId === e.regional.workId && regionalFused(plain.score) >= 0.5 ? plain : e.regional;
    const transform = named.queryRegion === 0 ? 'cropped' : TRANSFORM_OF[named.queryKind ?? 'framed'];
    const crop = named.queryRegion === 0 ? galleryRegionBox(named.workRegion) : null;
    const align = crop && !crop.mirror && crop.box !== FULL
      ? { query: [0, 0, 1, 1] as [number, number, number, number], work: [crop.box.x, crop.box.y, crop.box.w, crop.box.h] as [number, number, number, number] }
      : undefined;
    return { ...base, kind: 'edit', score: f.regional, workId: e.regional.workId, signal: 'regional', transform, ...(align ? { align } : {}) };
  }
  if (e.style && e.style.score >= STYLE_MATCH) {
    return { ...base, kind: 'style', score: e.style.score, workId: e.style.workId, signal: 'style' };
  }
  return { ...NONE, score: Math.max(f.hash, f.global, f.regional), signals };
}
