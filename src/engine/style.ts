// Style descriptor and the per-artist calibration that turns "how close to this artist's works" into a score:
// a candidate counts as close only relative to how close the artist's own works are to one another.
import { defaultReference } from './style-reference';
import { dotAt } from './vectors';

// The descriptor lives apart so the model host does not load the reference set with it.
export { styleDescriptor } from './style-descriptor';

/**
 * Where "in this artist's style" starts, for one gallery. Two distributions of one statistic — a picture's mean
 * similarity to its STYLE_K nearest works — decide it: the artist's own works, each left out in turn (how alike
 * their works are to each other), and a fixed reference set of other art (how alike other art is to them;
 * style-reference.ts).
 * A picture is in the artist's style when it is as close as their own works usually are AND closer than nearly all
 * other art. Figures: bench:quality (test/bench/style-quality.ts) and the README.
 */
export interface StyleProfile {
  works: number;
  /** Leave-one-out nearest-works similarity of the artist's own works. */
  own: { mean: number; std: number; max: number };
  /** The reference set's nearest-works similarities: the level OTHERS_QUANTILE of them stay under; null without a reference. */
  others: { median: number; high: number } | null;
  /** Nearest-work similarity at which a picture is flagged (the calibrated score's 0.5). */
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
 * The mean of the nearest 2 works. Chosen with OTHERS_QUANTILE by a leave-one-artist-out rule on ../corpus/style
 * (for each artist, the setting with the best recall at ≤ 5 % of other artists' works flagged on the other 11;
 * k ∈ {1, 2}, quantile ∈ {0.95 … 0.995}): 2 and 0.99 in 8 of 12 folds. On all 12 (two-fold, 4-work galleries):
 * k = 2 flags 4.0 % of other artists' works for recall 40.6 %; k = 1 4.3 % for 35.4 % (at 0.995: 2.8 % for 31.3 %).
 */
const STYLE_K = 2;
/**
 * A picture must be closer than this share of the reference set. bench:quality (two-fold, 12 artists, their other
 * works as negatives: same medium, clip art), k = 2: 0.99 flags 4.0 % of other artists' works at recall 40.6 %;
 * 0.995 3.1 % at 36.5 %; 0.98 6.9 % at 44.8 %. With 149 reference pictures this is "closer than all but 1–2".
 */
export const OTHERS_QUANTILE = 0.99;
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

/**
 * Calibrates a gallery. `reference` is other art's descriptors (the shipped set by default); one of another
 * dimension (synthetic vectors in tests) is ignored, and the threshold then rests on the own range alone.
 */
export function styleProfile(m: StyleMatrix, reference: StyleMatrix | null = defaultReference()): StyleProfile | null {
  if (m.count < MIN_STYLE_WORKS) return null;
  const step = Math.max(1, Math.floor(m.count / PROFILE_SAMPLE));
  const rows = rowsOf(m).filter((_, i) => i % step === 0);
  const sample = packStyles(rows);
  const ownScores = rows.map((w, i) => statistic(nearest(w, sample, STYLE_K, i).top));
  const mean = ownScores.reduce((a, b) => a + b, 0) / ownScores.length;
  const std = Math.sqrt(ownScores.reduce((a, b) => a + (b - mean) ** 2, 0) / ownScores.length);
  const own = { mean, std, max: Math.max(...ownScores) };
  let others: StyleProfile['others'] = null;
  if (reference && reference.dim === m.dim && reference.count > 0) {
    const scores = rowsOf(reference).map((r) => statistic(nearest(r, m, STYLE_K).top)).sort((a, b) => a - b);
    others = { median: quantile(scores, 0.5), high: quantile(scores, OTHERS_QUANTILE) };
  }
  // "Inside the artist's own range": no lower than one spread under their works' usual closeness.
  const threshold = Math.max(mean - std, others?.high ?? -Infinity);
  return { works: m.count, own, others, threshold, status: threshold > own.max ? 'not-distinctive' : 'ready' };
}

/** What the artist is told about style detection for a gallery of these descriptors. */
export function styleStatus(m: StyleMatrix, reference?: StyleMatrix | null): StyleStatus {
  return styleProfile(m, reference)?.status ?? 'too-few-works';
}

/** 0..1, 0.5 at the profile's threshold, and the closest work (the matcher uses an index and styleScoreOf instead). */
export function styleScore(q: Float32Array, m: StyleMatrix, profile: StyleProfile): { score: number; best: number } {
  const { top, best } = nearest(q, m, STYLE_K);
  return { score: styleScoreOf(top, profile), best };
}

/**
 * The calibrated score from the best similarities already found (best first), on the scale the other signals use:
 * 0.5 at the threshold, 1 at identity, 0 at the reference set's median (or one spread under the own mean without
 * a reference).
 */
export function styleScoreOf(best: readonly number[], profile: StyleProfile): number {
  const s = statistic(best);
  const t = profile.threshold;
  const floor = Math.min(t - 1e-3, profile.others?.median ?? profile.own.mean - 2 * profile.own.std);
  return s >= t ? 0.5 + (0.5 * (s - t)) / Math.max(1e-6, 1 - t) : Math.max(0, (0.5 * (s - floor)) / (t - floor));
}
