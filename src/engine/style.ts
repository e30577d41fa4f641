// Style descriptor and the per-artist calibration that turns "how close to this artist's works" into a score:
// a candidate counts as close only relative to how close the artist's own works are to one another.
import { defaultReference } from './style-reference';
import { dotAt } from './vectors';

// The descriptor lives apart so the model host does not load the reference set with it.
export { styleDescriptor } from './style-descriptor';

/**
 * Where "in this artist's style" starts, for one gallery. Two distributions of one statistic decide it. The
 * statistic is a margin: a picture's mean similarity to its STYLE_K nearest works MINUS its mean similarity to its
 * REFERENCE_K nearest pictures of the reference art (style-reference.ts). The margin asks "closer to this artist
 * than to other art", not "close to this artist": a picture of a common look (flat fills, black outlines) is close
 * to many galleries and to much of the reference alike, and no longer counts as resemblance for that alone.
 * The two distributions: the artist's own works, each left out in turn (how alike their works are to each other),
 * and the reference pictures, each against the rest of the reference (how close other art comes to them).
 * A picture is in the artist's style when its margin is as high as their own works' usually are AND higher than
 * nearly all other art's. Figures: bench:quality (test/bench/style-quality.ts) and the README.
 */
export interface StyleProfile {
  works: number;
  /** Leave-one-out margins (nearest works minus nearest reference art) of the artist's own works. */
  own: { mean: number; std: number; max: number };
  /** The reference set's margins: their median and the level OTHERS_QUANTILE of them stay under; null without a reference. */
  others: { median: number; high: number } | null;
  /**
   * The reference art it was calibrated against (null: none usable, the margin is then the plain nearest-works
   * similarity). A query's margin must be measured against the same set: otherArtCloseness(q, profile.reference).
   */
  reference: StyleMatrix | null;
  /** Margin at which a picture is flagged (the calibrated score's 0.5). */
  threshold: number;
  /**
   * 'ready', or 'not-distinctive' when the threshold lies above every own work's closeness to the rest: other art
   * comes as close to these works as they come to each other, so few pictures will be flagged (the artist is told).
   */
  status: 'ready' | 'not-distinctive';
}

/** Why a gallery has no style verdict, or that it has one: what the popup and gallery tell the artist. */
export type StyleStatus = 'too-few-works' | StyleProfile['status'];

/**
 * With fewer works a leave-one-out spread is not an estimate: 3 works give 3 similarities. 4 is also half of each
 * artist in ../corpus/style (the bench's galleries); more works make both distributions steadier.
 */
export const MIN_STYLE_WORKS = 4;
/** The matcher fetches this many neighbours; the calibrated statistic uses the nearest STYLE_K of them. */
export const STYLE_TOP_K = 3;
/**
 * The mean of the nearest 3 works, with REFERENCE_K and OTHERS_QUANTILE chosen by a leave-one-artist-out rule on
 * ../corpus/style (for each artist, the setting with the best recall at ≤ 5 % of other artists' works flagged on the
 * other 11; k ∈ {1, 2, 3}, REFERENCE_K ∈ {1, 3, 5, 10}, quantile ∈ {0.97 … 1}): 3, 10 and 0.995 in 8 of 12 folds,
 * recall 44.8 % at 4.6 % on the held-out artists, the same as tuned on all 12. The plain similarity it replaced
 * (mean of 2 nearest works, 0.99) gave 40.6 % at 4.0 %, and no quantile of it reached 44.8 % under 6.9 %.
 */
const STYLE_K = 3;
/** How close a picture is to other art: the mean similarity of its REFERENCE_K nearest reference pictures. */
export const REFERENCE_K = 10;
/**
 * A picture's margin must be higher than this share of the reference pictures' margins. bench:quality (two-fold,
 * 12 artists, their other works as negatives: same medium, clip art): 0.995 flags 4.6 % of other artists' works at
 * recall 44.8 %; 0.994 5.8 % at 49.0 %; 0.993 6.5 % at 51.0 %; 0.99 7.5 % at 54.2 %. With 149 reference pictures
 * this is "higher than all but one".
 */
export const OTHERS_QUANTILE = 0.995;
/** The profile is O(n²): a large gallery is calibrated on an even sample of this many works. */
const PROFILE_SAMPLE = 256;

/** The gallery's style descriptors packed row by row: one tight loop instead of a call per work. */
export interface StyleMatrix { data: Float32Array; dim: number; count: number }

export function packStyles(vectors: readonly Float32Array[]): StyleMatrix {
  const dim = vectors[0]?.length ?? 0;
  const data = new Float32Array(vectors.length * dim);
  vectors.forEach((v, i) => data.set(v, i * dim));
  return { data, dim, count: vectors.length };
}

/** The best similarities of q to the rows (skipping row `skip`), best first, and which row was best. */
function nearest(q: Float32Array, m: StyleMatrix, k: number, skip = -1): { top: number[]; best: number } {
  const top: number[] = [];
  let best = -1;
  const { data, dim, count } = m;
  for (let i = 0, o = 0; i < count; i++, o += dim) {
    if (i === skip) continue;
    // dotAt's four accumulators: calibrating 10,000 works against the reference set is ~2·10⁹ products.
    const s = dotAt(q, data, o);
    if (top.length < k || s > top[top.length - 1]!) {
      let at = top.findIndex((x) => s > x);
      if (at < 0) at = top.length;
      if (at === 0) best = i;
      top.splice(at, 0, s);
      if (top.length > k) top.pop();
    }
  }
  return { top, best };
}

/** The calibrated statistic: the mean of the STYLE_K best similarities. */
function statistic(best: readonly number[]): number {
  const top = best.slice(0, STYLE_K);
  return top.length ? top.reduce((a, b) => a + b, 0) / top.length : 0;
}

const rowsOf = (m: StyleMatrix) => Array.from({ length: m.count }, (_, i) => m.data.subarray(i * m.dim, (i + 1) * m.dim));

function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** The reference usable with descriptors of this dimension, or null (synthetic vectors in tests). */
const usable = (reference: StyleMatrix | null, dim: number) => (reference && reference.dim === dim && reference.count > 1 ? reference : null);

/**
 * How close a picture is to other art: the mean similarity of its REFERENCE_K nearest reference pictures; 0
 * without a usable reference, and the margin is then the plain nearest-works similarity.
 */
export function otherArtCloseness(q: Float32Array, reference: StyleMatrix | null = defaultReference()): number {
  const r = usable(reference, q.length);
  return r ? mean(nearest(q, r, REFERENCE_K).top) : 0;
}

/** Each reference picture's closeness to the rest of the reference (itself left out), computed once per set. */
const selfCloseness = new WeakMap<StyleMatrix, number[]>();
function referenceCloseness(reference: StyleMatrix): number[] {
  let out = selfCloseness.get(reference);
  if (!out) {
    out = rowsOf(reference).map((r, i) => mean(nearest(r, reference, REFERENCE_K, i).top));
    selfCloseness.set(reference, out);
  }
  return out;
}

/**
 * Calibrates a gallery. `reference` is other art's descriptors (the shipped set by default); one of another
 * dimension (synthetic vectors in tests) is ignored, and the threshold then rests on the own range alone.
 */
export function styleProfile(m: StyleMatrix, reference: StyleMatrix | null = defaultReference()): StyleProfile | null {
  if (m.count < MIN_STYLE_WORKS) return null;
  const ref = usable(reference, m.dim);
  const step = Math.max(1, Math.floor(m.count / PROFILE_SAMPLE));
  const rows = rowsOf(m).filter((_, i) => i % step === 0);
  const sample = packStyles(rows);
  const ownScores = rows.map((w, i) => statistic(nearest(w, sample, STYLE_K, i).top) - otherArtCloseness(w, ref));
  const ownMean = mean(ownScores);
  const std = Math.sqrt(mean(ownScores.map((x) => (x - ownMean) ** 2)));
  const own = { mean: ownMean, std, max: Math.max(...ownScores) };
  let others: StyleProfile['others'] = null;
  if (ref) {
    const self = referenceCloseness(ref);
    const scores = rowsOf(ref).map((r, i) => statistic(nearest(r, m, STYLE_K).top) - self[i]!).sort((a, b) => a - b);
    others = { median: quantile(scores, 0.5), high: quantile(scores, OTHERS_QUANTILE) };
  }
  // "Inside the artist's own range": no lower than one spread under their works' usual margin. (With the reference
  // it rarely binds: on ../corpus/style it changes no verdict; it is what remains without a reference.)
  const threshold = Math.max(ownMean - std, others?.high ?? -Infinity);
  return { works: m.count, own, others, reference: ref, threshold, status: threshold > own.max ? 'not-distinctive' : 'ready' };
}

/** What the artist is told about style detection for a gallery of these descriptors. */
export function styleStatus(m: StyleMatrix, reference?: StyleMatrix | null): StyleStatus {
  return styleProfile(m, reference)?.status ?? 'too-few-works';
}

/** 0..1, 0.5 at the profile's threshold, and the closest work (the matcher uses an index and styleScoreOf instead). */
export function styleScore(q: Float32Array, m: StyleMatrix, profile: StyleProfile): { score: number; best: number } {
  const { top, best } = nearest(q, m, STYLE_K);
  return { score: styleScoreOf(top, profile, otherArtCloseness(q, profile.reference)), best };
}

/**
 * The calibrated score from the best similarities already found (best first) and the picture's otherArtCloseness,
 * on the scale the other signals use: 0.5 at the threshold, 1 at a margin of 1 (identity with a work, for a picture
 * unlike all reference art), 0 at the reference set's median (or one spread under the own mean without a reference).
 */
export function styleScoreOf(best: readonly number[], profile: StyleProfile, otherArt: number): number {
  // A profile without a reference was calibrated on plain similarities: the margin must not subtract anything.
  const s = statistic(best) - (profile.reference ? otherArt : 0);
  const t = profile.threshold;
  const floor = Math.min(t - 1e-3, profile.others?.median ?? profile.own.mean - 2 * profile.own.std);
  return s >= t ? Math.min(1, 0.5 + (0.5 * (s - t)) / Math.max(1e-6, 1 - t)) : Math.max(0, (0.5 * (s - floor)) / (t - floor));
}
