// Fingerprint vectors as bytes: how the gallery stores and holds its works' embeddings and style descriptors. A
// 10,000-work gallery is ~160,000 embeddings and 10,000 style descriptors; as float32 they were ~200 MB to read at
// every wake of the background and twice that to hold (npm run bench:gallery), as bytes a quarter of it, held once.
// Each vector keeps its own scale, so its largest component is exact and every other is off by at most half a
// step. MobileNet features are never negative: they take all 256 levels from 0 to their largest (Uint8Array);
// vectors with negative parts (the centred style descriptor) take -127…127 (Int8Array). The array's type says
// which, in memory and in IndexedDB alike. A cosine then moves by ~0.001 at most, under the 0.004 between the
// verdict's thresholds and the highest negatives (test/engine/quantize.test.ts bounds it; bench:quality compares
// recall and false matches). Pure: no imports.

/** Vectors of one dimension as rows of bytes: component j of row i ≈ codes[i·dim + j] · scales[i]. */
export interface ByteVectors {
  codes: Int8Array | Uint8Array;
  scales: Float32Array;
}

/** Rows in `q`. */
export const rowCount = (q: ByteVectors): number => q.scales.length;

/** Components per row (0 when there are no rows). */
export const dimOf = (q: ByteVectors): number => (q.scales.length ? q.codes.length / q.scales.length : 0);

const isSigned = (codes: Int8Array | Uint8Array) => codes instanceof Int8Array;

/** Whether any component is negative; refuses non-finite ones (one NaN would make a whole row NaN). */
function hasNegative(v: ArrayLike<number>): boolean {
  let negative = false;
  for (let j = 0; j < v.length; j++) {
    const x = v[j]!;
    if (!Number.isFinite(x)) throw new RangeError('vector has a non-finite component');
    if (x < 0) negative = true;
  }
  return negative;
}

/**
 * Writes v to out[at ..< at + v.length] (levels -127…127 in an Int8Array, 0…255 in a Uint8Array, which takes
 * no negative component) and returns its scale: 0 for a zero vector, whose codes are all 0.
 */
export function quantizeInto(v: ArrayLike<number>, out: Int8Array | Uint8Array, at: number): number {
  const top = isSigned(out) ? 127 : 255;
  let max = 0;
  for (let j = 0; j < v.length; j++) {
    const a = Math.abs(v[j]!);
    if (a > max) max = a;
  }
  if (!(max > 0)) {
    out.fill(0, at, at + v.length);
    return 0;
  }
  const k = top / max;
  for (let j = 0; j < v.length; j++) out[at + j] = Math.max(-top, Math.min(top, Math.round(v[j]! * k)));
  return max / top;
}

/** The rows as bytes (unsigned unless some component is negative); all must have one dimension. */
export function quantize(rows: readonly ArrayLike<number>[]): ByteVectors {
  const dim = rows[0]?.length ?? 0;
  let signed = false;
  for (const v of rows) {
    if (v.length !== dim) throw new RangeError(`vectors differ in dimension: ${v.length} vs ${dim}`);
    if (hasNegative(v)) signed = true;
  }
  const codes = signed ? new Int8Array(rows.length * dim) : new Uint8Array(rows.length * dim);
  const scales = new Float32Array(rows.length);
  rows.forEach((v, i) => { scales[i] = quantizeInto(v, codes, i * dim); });
  return { codes, scales };
}

/** Row i back as floats, written to out[at ...] (a packed matrix's row) or a new array. */
export function dequantize(q: ByteVectors, i: number, out?: Float32Array, at = 0): Float32Array {
  const dim = dimOf(q);
  if (!(i >= 0 && i < rowCount(q))) throw new RangeError(`no row ${i}`);
  const target = out ?? new Float32Array(dim);
  const s = q.scales[i]!;
  for (let j = 0, o = i * dim; j < dim; j++, o++) target[at + j] = q.codes[o]! * s;
  return target;
}

/** Every row back as floats (a backup, which stays in floats for every Inkseal that reads it). */
export const dequantizeAll = (q: ByteVectors): Float32Array[] => Array.from({ length: rowCount(q) }, (_, i) => dequantize(q, i));

/** a · row, where row is `a.length` bytes of `codes` from `offset` (unscaled: multiply by the row's factor). */
export function dotBytes(a: Float32Array, codes: Int8Array | Uint8Array, offset: number): number {
  // One loop per array type: a loop that reads both kinds ran ~2× slower in V8.
  return codes instanceof Uint8Array ? dotU8(a, codes, offset) : dotI8(a, codes, offset);
}

// Four accumulators break the add dependency chain (as vectors.ts dotAt).
function dotU8(a: Float32Array, codes: Uint8Array, offset: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const n = a.length;
  const n4 = n - (n % 4);
  let i = 0;
  for (; i < n4; i += 4) {
    s0 += a[i]! * codes[offset + i]!;
    s1 += a[i + 1]! * codes[offset + i + 1]!;
    s2 += a[i + 2]! * codes[offset + i + 2]!;
    s3 += a[i + 3]! * codes[offset + i + 3]!;
  }
  for (; i < n; i++) s0 += a[i]! * codes[offset + i]!;
  return s0 + s1 + s2 + s3;
}

function dotI8(a: Float32Array, codes: Int8Array, offset: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const n = a.length;
  const n4 = n - (n % 4);
  let i = 0;
  for (; i < n4; i += 4) {
    s0 += a[i]! * codes[offset + i]!;
    s1 += a[i + 1]! * codes[offset + i + 1]!;
    s2 += a[i + 2]! * codes[offset + i + 2]!;
    s3 += a[i + 3]! * codes[offset + i + 3]!;
  }
  for (; i < n; i++) s0 += a[i]! * codes[offset + i]!;
  return s0 + s1 + s2 + s3;
}

/** 1 / the length of the code row (0 for a zero row): the row's cosine factor, whatever its scale. */
export function inverseCodeNorm(codes: Int8Array | Uint8Array, offset: number, dim: number): number {
  let s = 0;
  for (let j = offset; j < offset + dim; j++) s += codes[j]! * codes[j]!;
  return s > 0 ? 1 / Math.sqrt(s) : 0;
}
