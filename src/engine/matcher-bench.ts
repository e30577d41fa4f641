// Matching speed at gallery sizes an artist could reach, for npm run bench:perf. Pure, so it runs where the
// product matches (the background) and in Node alike. Never called by the product itself; asserts nothing.
import { GalleryMatcher, quantizeSignals, type QuerySignals } from './matcher';
import { l2normalize, seededRandom } from './vectors';

export interface Percentiles { p50: number; p95: number; n: number }

export function percentiles(ms: number[]): Percentiles {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95), n: s.length };
}

/** A real work has 14–16 (whole, mirrored, grey, 11 crops, its trimmed box if framed, its centre square if not square; see galleryRegions). */
const VECTORS_PER_WORK = 16;

/** A gallery of synthetic works holding `vectors` vectors, with hashes and style descriptors like real ones. */
export function syntheticGallery(vectors: number, styleDim: number, dim = 256): GalleryMatcher {
  const r = seededRandom(vectors);
  // MobileNet features are non-negative and sparse-ish: a clipped uniform is a fair stand-in for the index.
  const vec = (d: number) => l2normalize(Float32Array.from({ length: d }, () => Math.max(0, r() - 0.3)));
  const m = new GalleryMatcher(dim);
  for (let i = 0; i < vectors / VECTORS_PER_WORK; i++) {
    const hash = Uint32Array.from({ length: 8 }, () => (r() * 2 ** 32) >>> 0);
    m.add(quantizeSignals({ id: `w${i}`, hash, hashQuality: 100, vectors: Array.from({ length: VECTORS_PER_WORK }, () => vec(dim)), style: vec(styleDim) }));
  }
  return m;
}

/**
 * Time of one match() of `query` against galleries of each size. `collect` runs between building and timing
 * (a forced GC where the host allows it), so the garbage of building 100k vectors is not timed.
 */
export function benchmarkMatching(query: QuerySignals, sizes: number[], collect: () => void = () => {}, runs = 50): (Percentiles & { vectors: number })[] {
  return sizes.map((vectors) => {
    const m = syntheticGallery(vectors, query.style.length, query.vectors[0]?.length ?? 256);
    m.match(query);
    collect();
    return { vectors, ...timeMatches(m, [query], runs) };
  });
}

/** Time of each match() of each query against `m`, `runs` rounds over the queries. */
export function timeMatches(m: GalleryMatcher, queries: QuerySignals[], runs: number): Percentiles {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    for (const q of queries) {
      const t = performance.now();
      m.match(q);
      times.push(performance.now() - t);
    }
  }
  return percentiles(times);
}
