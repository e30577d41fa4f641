// Cosine top-k over the gallery's embeddings (whole-image and regional MobileNet vectors of each work).
// Pure: imports only ./vectors, ./quantize and ./scratch. Binary codes narrow 100k vectors to a shortlist that is then ranked
// by exact dot products; benchmarkVectorIndex measures speed and recall against brute force. Vectors are held as
// bytes (quantize.ts), and a row given as bytes (a stored work's) is referenced, not copied: the gallery's
// fingerprints are then in memory once.

import { dotBytes, inverseCodeNorm, quantizeInto } from './quantize';
import { l2normalize, seededRandom, syntheticEmbeddings, walshHadamard } from './vectors';
import { Slot } from './scratch';

export interface VectorMatch {
  label: string;
  group: string;
  /** Cosine similarity. */
  score: number;
}

export interface VectorIndexOptions {
  /** Subtracted before encoding. Default: the mean of the first few thousand vectors added. */
  center?: Float32Array;
  /** Code length in bits: a multiple of 64, at least 256. */
  codeBits?: number;
  /** How many vectors closest by code are re-ranked exactly. */
  shortlist?: number;
  seed?: number;
}

// benchmarkVectorIndex, 100k vectors, 256-d, on the 2-core dev machine under load (2026-11-25):
//   256 bits, shortlist 1000: ~2 ms/query, recall@10 0.97 (near-duplicate queries) / 0.87 (unrelated);
//   512 bits, shortlist 1000: ~2.5 ms/query, recall@10 0.99 / 0.96, recall@1 1.00 / 0.99.
const DEFAULT_CODE_BITS = 512;
const DEFAULT_SHORTLIST = 1000;
// Stage 1 ranks every code by its first 256 bits and keeps this many shortlists' worth for stage 2.
const PREFILTER = 8;
// MobileNet features are all non-negative: uncentred, every vector sits in one orthant and the codes share
// most of their bits (measured recall@10 0.73 vs 0.88 centred, unrelated queries at 20k). A mean over a
// few thousand vectors is stable, so it is re-estimated at 256, 512, … vectors and frozen from 4096 on.
const CENTRE_FIRST_AT = 256;
const CENTRE_FROZEN_AT = 4096;
// Random signs then a Walsh–Hadamard transform, twice, act like a random rotation at O(d log d): ~10 µs a
// vector where a dense Gaussian projection takes ~100 µs. One round lost recall (0.88 vs 0.96); three
// gained nothing over two.
const ROTATION_ROUNDS = 2;
// A search's temporaries, reused (engine/scratch.ts): at 100k vectors fresh ones were ~0.7 MB of new pages a
// search, four searches a match, on the service worker's one thread.
const PARTIAL = new Slot(Uint16Array);
const FULL = new Slot(Uint16Array);
const FIRST = new Slot(Int32Array);
const HISTOGRAM = new Slot(Int32Array);

export class VectorIndex {
  readonly dim: number;
  private readonly codeWords: number;
  private readonly shortlist: number;
  private readonly padded: number;
  private readonly signs: Float64Array;
  private readonly scratch: Float64Array;
  private centre: Float32Array | null;
  private readonly fixedCentre: boolean;
  private centredAt = 0;
  /** Slot i's row is rowCodes[i][rowAt[i] ..< rowAt[i] + dim]; rowFactor[i] makes its dot product a cosine. */
  private rowCodes: (Int8Array | Uint8Array)[] = [];
  private rowAt: Int32Array;
  private rowFactor: Float32Array;
  /** Where rows added as floats are quantized to, a block at a time (a replaced row's bytes stay unused). */
  private arena: Int8Array | Uint8Array = new Uint8Array(0);
  private arenaUsed = 0;
  // Int32Array: V8 keeps int32 lanes as small integers, Uint32Array values ≥ 2³¹ become doubles (~1.7× slower).
  private codes: Int32Array;
  private readonly labels: string[] = [];
  private readonly groups: string[] = [];
  private readonly slots = new Map<string, number>();
  private readonly groupLabels = new Map<string, Set<string>>();

  constructor(dim: number, options: VectorIndexOptions = {}) {
    const bits = options.codeBits ?? DEFAULT_CODE_BITS;
    if (!(dim > 0) || bits % 64 !== 0 || bits < 256) throw new RangeError(`bad dim ${dim} or codeBits ${bits}`);
    if (options.center && options.center.length !== dim) throw new RangeError('center has the wrong dimension');
    this.dim = dim;
    this.codeWords = bits / 32;
    this.shortlist = Math.max(CENTRE_FIRST_AT, options.shortlist ?? DEFAULT_SHORTLIST);
    this.padded = 2 ** Math.ceil(Math.log2(Math.max(dim, bits)));
    const random = seededRandom(options.seed ?? 0x1dea);
    this.signs = Float64Array.from({ length: ROTATION_ROUNDS * this.padded }, () => (random() < 0.5 ? -1 : 1));
    this.scratch = new Float64Array(this.padded);
    this.fixedCentre = options.center !== undefined;
    this.centre = options.center ? Float32Array.from(options.center) : null;
    this.rowAt = new Int32Array(256);
    this.rowFactor = new Float32Array(256);
    this.codes = new Int32Array(this.codeWords * 256);
  }

  get size(): number {
    return this.labels.length;
  }

  /** Stores vec (as bytes, quantize.ts), replacing any vector under the label. `group` is usually the work id. */
  add(label: string, vec: Float32Array, group: string = label): void {
    if (vec.length !== this.dim) throw new RangeError(`vector has ${vec.length} dims, need ${this.dim}`);
    // Unsigned bytes (twice the levels) unless the vector has a negative component.
    const signed = vec.some((x) => x < 0);
    if (this.arenaUsed + this.dim > this.arena.length || signed !== this.arena instanceof Int8Array) {
      this.arena = signed ? new Int8Array(this.dim * 256) : new Uint8Array(this.dim * 256);
      this.arenaUsed = 0;
    }
    quantizeInto(vec, this.arena, this.arenaUsed);
    this.addCodes(label, this.arena, this.arenaUsed, group);
    this.arenaUsed += this.dim;
  }

  /**
   * Stores the byte row codes[at ..< at + dim] (quantize.ts; its scale does not matter to a cosine) by
   * reference: the caller must not change those bytes while the index holds them.
   */
  addCodes(label: string, codes: Int8Array | Uint8Array, at: number, group: string = label): void {
    if (!(at >= 0 && at + this.dim <= codes.length)) throw new RangeError(`row at ${at} does not fit ${codes.length} bytes of ${this.dim}-d rows`);
    let slot = this.slots.get(label);
    if (slot !== undefined) {
      this.unlinkGroup(label, this.groups[slot]!);
      this.groups[slot] = group;
    } else {
      slot = this.labels.length;
      this.reserve(slot + 1);
      this.labels.push(label);
      this.groups.push(group);
      this.slots.set(label, slot);
    }
    let members = this.groupLabels.get(group);
    if (!members) this.groupLabels.set(group, (members = new Set()));
    members.add(label);
    this.rowCodes[slot] = codes;
    this.rowAt[slot] = at;
    this.rowFactor[slot] = inverseCodeNorm(codes, at, this.dim);
    const n = this.labels.length;
    if (!this.fixedCentre && this.centredAt < CENTRE_FROZEN_AT && n >= Math.max(CENTRE_FIRST_AT, 2 * this.centredAt)) {
      this.recentre();
    } else if (this.centre) {
      this.encodeRow(slot);
    }
  }

  remove(label: string): boolean {
    const slot = this.slots.get(label);
    if (slot === undefined) return false;
    this.unlinkGroup(label, this.groups[slot]!);
    const last = this.labels.length - 1;
    if (slot !== last) {
      // Move the last vector into the hole so storage stays dense.
      const moved = this.labels[last]!;
      this.rowCodes[slot] = this.rowCodes[last]!;
      this.rowAt[slot] = this.rowAt[last]!;
      this.rowFactor[slot] = this.rowFactor[last]!;
      this.codes.copyWithin(slot * this.codeWords, last * this.codeWords, (last + 1) * this.codeWords);
      this.labels[slot] = moved;
      this.groups[slot] = this.groups[last]!;
      this.slots.set(moved, slot);
    }
    this.labels.pop();
    this.groups.pop();
    this.rowCodes.pop();
    this.slots.delete(label);
    return true;
  }

  /** Removes every vector of the group (e.g. a work's whole-image and regional vectors); returns how many. */
  removeGroup(group: string): number {
    const members = [...(this.groupLabels.get(group) ?? [])];
    for (const label of members) this.remove(label);
    return members.length;
  }

  /** Approximate top-k by cosine, best first: a code-distance shortlist ranked by exact scores. */
  search(q: Float32Array, k: number): VectorMatch[] {
    const n = this.labels.length;
    const shortlist = Math.max(this.shortlist, k);
    if (n <= 2 * shortlist || !this.centre) return this.searchExact(q, k);
    const unit = this.unitQuery(q);
    const query = this.encode(unit, 0, 1, new Int32Array(this.codeWords), 0);
    const words = this.codeWords;
    const codes = this.codes;
    // Stage 1: the first 256 bits of a code are a shorter code of the same rotation. Ranking everything by
    // them, unrolled, then finishing the best few thousand, costs ~60 % of scanning full codes.
    const q0 = query[0]!;
    const q1 = query[1]!;
    const q2 = query[2]!;
    const q3 = query[3]!;
    const q4 = query[4]!;
    const q5 = query[5]!;
    const q6 = query[6]!;
    const q7 = query[7]!;
    const partial = PARTIAL.take(n);
    // Two sums of two pairs each: one sum of all four reaches 256 in a byte when every bit differs, and wrapped to 0.
    for (let s = 0, b = 0; s < n; s++, b += words) {
      partial[s] =
        sumBytes(pairByteCounts(codes[b]! ^ q0, codes[b + 1]! ^ q1) + pairByteCounts(codes[b + 2]! ^ q2, codes[b + 3]! ^ q3)) +
        sumBytes(pairByteCounts(codes[b + 4]! ^ q4, codes[b + 5]! ^ q5) + pairByteCounts(codes[b + 6]! ^ q6, codes[b + 7]! ^ q7));
    }
    // A distance is at most the bits compared: 256 in stage 1, the code's length in stage 2.
    const first = smallest(partial, n, PREFILTER * shortlist, 257, FIRST);
    const full = FULL.take(first.length);
    for (let i = 0; i < first.length; i++) {
      const b = first[i]! * words;
      let d = partial[first[i]!]!;
      for (let w = 8; w < words; w += 2) {
        d += sumBytes(pairByteCounts(codes[b + w]! ^ query[w]!, codes[b + w + 1]! ^ query[w + 1]!));
      }
      full[i] = d;
    }
    return this.rank(unit, smallest(full, first.length, shortlist, words * 32 + 1).map((i) => first[i]!), k);
  }

  /** Brute-force top-k by cosine, for small indexes and for measuring search(). */
  searchExact(q: Float32Array, k: number): VectorMatch[] {
    return this.rank(this.unitQuery(q), null, k);
  }

  private unitQuery(q: Float32Array): Float32Array {
    if (q.length !== this.dim) throw new RangeError(`query has ${q.length} dims, need ${this.dim}`);
    return l2normalize(Float32Array.from(q));
  }

  /** Exact top-k among `slots` (all when null), by insertion into a short sorted list. */
  private rank(unit: Float32Array, slots: Int32Array | null, k: number): VectorMatch[] {
    const count = slots ? slots.length : this.labels.length;
    const size = Math.max(0, Math.min(k, count));
    const topSlot = new Int32Array(size);
    const topScore = new Float64Array(size).fill(-Infinity);
    const { rowCodes, rowAt, rowFactor } = this;
    for (let i = 0; i < count && size > 0; i++) {
      const slot = slots ? slots[i]! : i;
      const score = dotBytes(unit, rowCodes[slot]!, rowAt[slot]!) * rowFactor[slot]!;
      if (score <= topScore[size - 1]!) continue;
      let at = size - 1;
      for (; at > 0 && topScore[at - 1]! < score; at--) {
        topScore[at] = topScore[at - 1]!;
        topSlot[at] = topSlot[at - 1]!;
      }
      topScore[at] = score;
      topSlot[at] = slot;
    }
    return Array.from(topSlot, (slot, i) => ({
      label: this.labels[slot]!,
      group: this.groups[slot]!,
      score: topScore[i]!,
    }));
  }

  private unlinkGroup(label: string, group: string): void {
    const members = this.groupLabels.get(group);
    members?.delete(label);
    if (members?.size === 0) this.groupLabels.delete(group);
  }

  private reserve(slots: number): void {
    if (slots <= this.rowAt.length) return;
    const capacity = Math.max(slots, this.rowAt.length * 2);
    const rowAt = new Int32Array(capacity);
    rowAt.set(this.rowAt);
    this.rowAt = rowAt;
    const rowFactor = new Float32Array(capacity);
    rowFactor.set(this.rowFactor);
    this.rowFactor = rowFactor;
    const codes = new Int32Array(capacity * this.codeWords);
    codes.set(this.codes);
    this.codes = codes;
  }

  private recentre(): void {
    const n = this.labels.length;
    const centre = new Float32Array(this.dim);
    for (let s = 0; s < n; s++) {
      const row = this.rowCodes[s]!;
      const k = this.rowFactor[s]!;
      for (let j = 0, at = this.rowAt[s]!; j < this.dim; j++, at++) centre[j]! += row[at]! * k;
    }
    for (let j = 0; j < this.dim; j++) centre[j]! /= n;
    this.centre = centre;
    this.centredAt = n;
    for (let s = 0; s < n; s++) this.encodeRow(s);
  }

  private encodeRow(slot: number): void {
    this.encode(this.rowCodes[slot]!, this.rowAt[slot]!, this.rowFactor[slot]!, this.codes, slot * this.codeWords);
  }

  /**
   * Sign bits of the centred, randomly rotated unit vector v[from ..< from + dim] · factor (a unit float query,
   * or a byte row and its factor), written to out[at ...].
   */
  private encode(v: Float32Array | Int8Array | Uint8Array, from: number, factor: number, out: Int32Array, at: number): Int32Array {
    const { dim, padded, signs, centre } = this;
    const x = this.scratch.fill(0);
    for (let j = 0; j < dim; j++) x[j] = (v[from + j]! * factor - centre![j]!) * signs[j]!;
    // The zero padding stays zero until the last butterfly level, which then just copies the transformed
    // lower part upwards: transform only the smallest power of two that holds the vector.
    let used = padded;
    while (used >= 2 * dim && used > 1) used /= 2;
    walshHadamard(x, used);
    for (let filled = used; filled < padded; filled *= 2) x.copyWithin(filled, 0, filled);
    for (let r = 1; r < ROTATION_ROUNDS; r++) {
      for (let j = 0, base = r * padded; j < padded; j++) x[j]! *= signs[base + j]!;
      walshHadamard(x);
    }
    for (let w = 0; w < this.codeWords; w++) {
      let word = 0;
      for (let b = 0; b < 32; b++) word |= (x[w * 32 + b]! > 0 ? 1 : 0) << b;
      out[at + w] = word;
    }
    return out;
  }
}

/**
 * Per-byte set-bit counts (each ≤ 16) of x and y together: the SWAR popcount with the two words merged at
 * the nibble stage (≤ 8). Added up, their bytes must stay below 256 for sumBytes: three at most (every bit
 * differing in four gives 256, which a byte holds as 0).
 */
function pairByteCounts(x: number, y: number): number {
  x -= (x >>> 1) & 0x55555555;
  y -= (y >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333) + (y & 0x33333333) + ((y >>> 2) & 0x33333333);
  return (x & 0x0f0f0f0f) + ((x >>> 4) & 0x0f0f0f0f);
}

const sumBytes = (x: number): number => Math.imul(x, 0x01010101) >>> 24;

/**
 * Indices of the `keep` smallest of values[0 ..< count] (each < `bound`), ties by index, by counting: O(count).
 * Written into `into`'s array when given (it is then valid until the slot's next use).
 */
function smallest(values: Uint16Array, count: number, keep: number, bound: number, into?: Slot<Int32Array>): Int32Array {
  if (count <= keep) return Int32Array.from({ length: count }, (_, i) => i);
  const histogram = HISTOGRAM.zeroed(bound);
  for (let i = 0; i < count; i++) histogram[values[i]!]!++;
  let cut = 0;
  let below = 0;
  while (below + histogram[cut]! < keep) below += histogram[cut++]!;
  let atCut = keep - below;
  const out = into ? into.take(keep) : new Int32Array(keep);
  for (let i = 0, o = 0; i < count; i++) {
    const v = values[i]!;
    if (v < cut || (v === cut && atCut-- > 0)) out[o++] = i;
  }
  return out;
}

export interface VectorIndexBenchmark {
  msPerQuery: number;
  /** Share of queries whose top score equals the brute-force top score. */
  recallAt1: number;
  /** Mean overlap of the top 10 with the brute-force top 10. */
  recallAt10: number;
}

/**
 * Speed and recall of search() against searchExact() on syntheticEmbeddings. Queries are near-duplicates
 * of stored works or, with `unrelated`, fresh images (most feed images, and the harder case for
 * recall@10, whose tail then lies among many vectors at similar cosine). Print it; never assert on time.
 */
export function benchmarkVectorIndex(
  n: number,
  dim: number,
  options: VectorIndexOptions & { queries?: number; unrelated?: boolean } = {},
): VectorIndexBenchmark {
  const data = syntheticEmbeddings(n, dim);
  const index = new VectorIndex(dim, options);
  data.vectors.forEach((v, i) => index.add(`v${i}`, v, `g${i}`));
  const queries = Array.from({ length: options.queries ?? 200 }, () => data.query(options.unrelated));
  index.search(queries[0]!, 10);
  const start = performance.now();
  const found = queries.map((q) => index.search(q, 10));
  const msPerQuery = (performance.now() - start) / queries.length;
  let hits1 = 0;
  let hits10 = 0;
  queries.forEach((q, i) => {
    const exact = index.searchExact(q, 10);
    const approx = found[i]!;
    if (approx[0] && exact[0] && approx[0].score >= exact[0].score) hits1++;
    const labels = new Set(approx.map((m) => m.label));
    hits10 += exact.filter((m) => labels.has(m.label)).length / Math.max(1, exact.length);
  });
  return { msPerQuery, recallAt1: hits1 / queries.length, recallAt10: hits10 / queries.length };
}
