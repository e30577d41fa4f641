// Style descriptor and the per-artist calibration that turns "how close to this artist's works" into a score:
// a candidate counts as close only relative to how close the artist's own works are to one another.
import { l2normalize } from './vectors';

/**
 * Concatenates, per style layer, the L2-normalised square roots of channel means and standard deviations.
 * The square root damps the few channels that fire hard on flat colour (measured on ../corpus/style: mAP
 * 0.339 with it, 0.323 without). Each layer weighs the same; the result has unit length.
 */
export function styleDescriptor(stats: readonly Float32Array[]): Float32Array {
  const total = stats.reduce((n, s) => n + s.length, 0);
  const out = new Float32Array(total);
  let o = 0;
  for (const s of stats) {
    const part = l2normalize(Float32Array.from(s, (x) => Math.sqrt(Math.max(0, x))));
    out.set(part, o);
    o += part.length;
  }
  return l2normalize(out);
}

/** How an artist's works resemble each other: the spread of each work's nearest own-work similarity. */
export interface StyleProfile { mean: number; std: number; works: number }

/** Needs at least this many works: with fewer, "how alike are my works" cannot be estimated. */
export const MIN_STYLE_WORKS = 3;
/** Average of the best few similarities, so one look-alike work does not decide alone. */
export const STYLE_TOP_K = 3;
const TOP_K = STYLE_TOP_K;
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

/** Mean of the TOP_K best similarities of q to the rows (skipping row `skip`), and which row was best. */
export function topKMean(q: Float32Array, m: StyleMatrix, skip = -1): { mean: number; best: number } {
  let t0 = -Infinity, t1 = -Infinity, t2 = -Infinity;
  let best = -1;
  const { data, dim, count } = m;
  for (let i = 0, o = 0; i < count; i++, o += dim) {
    if (i === skip) continue;
    let s = 0;
    for (let j = 0; j < dim; j++) s += q[j]! * data[o + j]!;
    if (s > t0) { t2 = t1; t1 = t0; t0 = s; best = i; } else if (s > t1) { t2 = t1; t1 = s; } else if (s > t2) t2 = s;
  }
  const top = [t0, t1, t2].slice(0, TOP_K).filter((x) => x > -Infinity);
  return { mean: top.length ? top.reduce((x, y) => x + y, 0) / top.length : 0, best };
}

export function styleProfile(m: StyleMatrix): StyleProfile | null {
  if (m.count < MIN_STYLE_WORKS) return null;
  const step = Math.max(1, Math.floor(m.count / PROFILE_SAMPLE));
  const rows: Float32Array[] = [];
  for (let i = 0; i < m.count; i += step) rows.push(m.data.subarray(i * m.dim, (i + 1) * m.dim));
  const sample = packStyles(rows);
  const own = rows.map((w, i) => topKMean(w, sample, i).mean);
  const mean = own.reduce((a, b) => a + b, 0) / own.length;
  const variance = own.reduce((a, b) => a + (b - mean) ** 2, 0) / own.length;
  // A floor on the spread keeps a gallery of near-identical works from making every image an outlier.
  return { mean, std: Math.max(Math.sqrt(variance), 0.01), works: m.count };
}

/** 0..1 (0.5 = as close as the artist's own works are to each other on average) and the closest work. */
export function styleScore(q: Float32Array, m: StyleMatrix, profile: StyleProfile): { score: number; best: number } {
  const { mean, best } = topKMean(q, m);
  return { score: logistic(mean, profile), best };
}

/** The same from the best similarities already found (e.g. by an index search). */
export function styleScoreOf(best: number[], profile: StyleProfile): number {
  const top = best.slice(0, TOP_K);
  return logistic(top.reduce((a, b) => a + b, 0) / Math.max(1, top.length), profile);
}

function logistic(mean: number, profile: StyleProfile): number {
  return 1 / (1 + Math.exp(-(mean - profile.mean) / profile.std));
}
