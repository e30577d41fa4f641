// Matching speed at gallery sizes an artist could reach, for npm run bench:perf. Pure, so it runs where the
// product matches (the background) and in Node alike. Never called by the product itself; asserts nothing.
import { GalleryMatcher, quantizeSignals, type QuerySignals } from './matcher';
import { l2normalize, seededRandom } from './vectors';
import { workThumb, type WorkThumb } from './screen-shortlist';

export interface Percentiles { p50: number; p95: number; n: number }

/**
 * A match's time on the badge's path (without the screen shortlist, as the extension's scan makes it), and the screen
 * shortlist's (withScreens) where the post shows a screen: the closer look's share, off that path.
 */
export interface MatchTimes extends Percentiles { screens?: Percentiles }

export function percentiles(ms: number[]): Percentiles {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95), n: s.length };
}

/** A real work has 14–16 (whole, mirrored, grey, 11 crops, its trimmed box if framed, its centre square if not square; see galleryRegions). */
const VECTORS_PER_WORK = 16;

/**
 * Picture sizes the synthetic works cycle through: an artist's exports (portrait and landscape 3:4, square, 16:9 and
 * 9:16, 2:3 and 3:2) and a few crops. The service worker's screen shortlist lays every work's grid over a post's
 * screens once per group of proportions (screen-shortlist.ts), so how many shapes a gallery holds sets its cost.
 */
const SHAPES: readonly (readonly [number, number])[] = [
  [1080, 1440], [1440, 1080], [1080, 1080], [1920, 1080], [1080, 1920], [1200, 1800], [1800, 1200],
  [1000, 1100], [1300, 900], [900, 1600], [1500, 1000], [1240, 1754],
];

/** A work's grey grid in one of SHAPES, of random greys (the shortlist's cost does not depend on what they show). */
function syntheticThumb(r: () => number, i: number): WorkThumb {
  const [width, height] = SHAPES[i % SHAPES.length]!;
  const w = Math.round(width / 40), h = Math.round(height / 40);
  return workThumb({ data: Float32Array.from({ length: w * h }, () => r() * 255), width: w, height: h }, { width, height });
}

/**
 * A gallery of synthetic works holding `vectors` vectors, with hashes, style descriptors and grey grids like real
 * ones.
 */
export function syntheticGallery(vectors: number, styleDim: number, dim = 256): GalleryMatcher {
  const r = seededRandom(vectors);
  // MobileNet features are non-negative and sparse-ish: a clipped uniform is a fair stand-in for the index.
  const vec = (d: number) => l2normalize(Float32Array.from({ length: d }, () => Math.max(0, r() - 0.3)));
  const m = new GalleryMatcher(dim);
  for (let i = 0; i < vectors / VECTORS_PER_WORK; i++) {
    const hash = Uint32Array.from({ length: 8 }, () => (r() * 2 ** 32) >>> 0);
    m.add(quantizeSignals({ id: `w${i}`, hash, hashQuality: 100, vectors: Array.from({ length: VECTORS_PER_WORK }, () => vec(dim)), style: vec(styleDim), thumb: syntheticThumb(r, i) }));
  }
  return m;
}

/**
 * Time of one match of `query` against galleries of each size (timeMatches). `collect` runs between building and
 * timing (a forced GC where the host allows it), so the garbage of building 100k vectors is not timed.
 */
export function benchmarkMatching(query: QuerySignals, sizes: number[], collect: () => void = () => {}, runs = 50): (MatchTimes & { vectors: number })[] {
  return sizes.map((vectors) => {
    const m = syntheticGallery(vectors, query.style.length, query.vectors[0]?.length ?? 256);
    m.match(query);
    collect();
    return { vectors, ...timeMatches(m, [query], runs) };
  });
}

/** Time of each match of each query against `m`, `runs` rounds over the queries: as the scan makes it, then its screens. */
export function timeMatches(m: GalleryMatcher, queries: QuerySignals[], runs: number): MatchTimes {
  const fast: number[] = [], screens: number[] = [];
  for (let i = 0; i < runs; i++) {
    for (const q of queries) {
      const t = performance.now();
      const e = m.match(q, { screens: false });
      const t1 = performance.now();
      fast.push(t1 - t);
      if (!m.screensToFit(q)) continue;
      m.withScreens(q, e);
      screens.push(performance.now() - t1);
    }
  }
  return { ...percentiles(fast), ...(screens.length ? { screens: percentiles(screens) } : {}) };
}
