// Float vector maths for embeddings (MobileNet global-pool features), plus the seeded randomness and the
// synthetic embeddings that the indexes, their tests and benchmarks share. Pure: no imports.

/** Scales v to unit length in place and returns it; a zero vector stays zero. */
export function l2normalize(v: Float32Array): Float32Array {
  const n = norm(v);
  if (n > 0) {
    const inv = 1 / n;
    for (let i = 0; i < v.length; i++) v[i]! *= inv;
  }
  return v;
}

export function norm(v: Float32Array): number {
  return Math.sqrt(dot(v, v));
}

export function dot(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new RangeError(`dimension mismatch: ${a.length} vs ${b.length}`);
  return dotAt(a, b, 0);
}

/** a · row, where row is `a.length` floats of `store` starting at `offset` (rows of a packed matrix). */
export function dotAt(a: Float32Array, store: Float32Array, offset: number): number {
  // Four accumulators break the add dependency chain; V8 runs this ~2× faster than one.
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const n = a.length;
  const n4 = n - (n % 4);
  let i = 0;
  for (; i < n4; i += 4) {
    s0 += a[i]! * store[offset + i]!;
    s1 += a[i + 1]! * store[offset + i + 1]!;
    s2 += a[i + 2]! * store[offset + i + 2]!;
    s3 += a[i + 3]! * store[offset + i + 3]!;
  }
  for (; i < n; i++) s0 += a[i]! * store[offset + i]!;
  return s0 + s1 + s2 + s3;
}

/** Cosine similarity; 0 when either vector is zero. */
export function cosine(a: Float32Array, b: Float32Array): number {
  const d = norm(a) * norm(b);
  return d > 0 ? dot(a, b) / d : 0;
}

export function meanVector(vs: readonly Float32Array[]): Float32Array {
  const first = vs[0];
  if (!first) throw new RangeError('meanVector of no vectors');
  const mean = new Float32Array(first.length);
  for (const v of vs) {
    if (v.length !== mean.length) throw new RangeError('vectors differ in dimension');
    for (let i = 0; i < v.length; i++) mean[i]! += v[i]!;
  }
  for (let i = 0; i < mean.length; i++) mean[i]! /= vs.length;
  return mean;
}

/** mulberry32: a small seeded PRNG in [0, 1), so projections and benchmarks are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal samples (Box–Muller) from a uniform source. */
export function gaussianSampler(random: () => number): () => number {
  return () => {
    const u = 1 - random();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
}

/**
 * In-place unnormalised fast Walsh–Hadamard transform of v[0 ..< n]; n (default v.length) a power of two.
 * The first two butterfly levels run fused, which V8 executes ~25 % faster than level by level.
 */
export function walshHadamard(v: Float64Array, n = v.length): void {
  let h = 1;
  if (n >= 4) {
    for (let i = 0; i < n; i += 4) {
      const s0 = v[i]! + v[i + 1]!;
      const d0 = v[i]! - v[i + 1]!;
      const s1 = v[i + 2]! + v[i + 3]!;
      const d1 = v[i + 2]! - v[i + 3]!;
      v[i] = s0 + s1;
      v[i + 1] = d0 + d1;
      v[i + 2] = s0 - s1;
      v[i + 3] = d0 - d1;
    }
    h = 4;
  }
  for (; h < n; h *= 2) {
    for (let i = 0; i < n; i += 2 * h) {
      for (let j = i; j < i + h; j++) {
        const x = v[j]!;
        const y = v[j + h]!;
        v[j] = x + y;
        v[j + h] = x - y;
      }
    }
  }
}

export interface SyntheticEmbeddings {
  vectors: Float32Array[];
  /** Makes a query: a near-duplicate of a random stored cluster, or with `unrelated` a fresh image. */
  query(unrelated?: boolean): Float32Array;
}

/**
 * Unit vectors shaped like MobileNet v1 0.25 global-pool features of the art corpus (measured: 18 % zero
 * components, median component 0.018, unrelated pairs at cosine 0.20–0.81 with median 0.56, a mirror at
 * 0.94–0.99 and an 80 % crop at 0.82–0.97). A shared per-dimension scale makes unrelated images alike; a
 * per-image latent, clipped at zero, makes them differ. Clusters of 1–16 stand for a work's whole-image
 * and regional vectors and its near-duplicates: the latent plus noise, cosine ~0.94–0.99 to the base.
 */
export function syntheticEmbeddings(n: number, dim: number, seed = 1): SyntheticEmbeddings {
  const random = seededRandom(seed);
  const gauss = gaussianSampler(random);
  const scale = Float32Array.from({ length: dim }, () => Math.exp(0.8 * gauss()));
  const latent = () => Float32Array.from({ length: dim }, () => 1 + 1.1 * gauss());
  const embed = (u: Float32Array, noise: number) =>
    l2normalize(Float32Array.from(u, (x, j) => scale[j]! * Math.max(0, x + noise * gauss())));
  const bases: Float32Array[] = [];
  const vectors: Float32Array[] = [];
  while (vectors.length < n) {
    const base = latent();
    bases.push(base);
    const members = Math.min(n - vectors.length, 1 + Math.floor(random() * 16));
    for (let m = 0; m < members; m++) vectors.push(embed(base, m === 0 ? 0 : 0.2 + 0.4 * random()));
  }
  return {
    vectors,
    query: (unrelated = false) =>
      unrelated ? embed(latent(), 0) : embed(bases[Math.floor(random() * bases.length)]!, 0.2 + 0.4 * random()),
  };
}
