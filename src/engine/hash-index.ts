// Nearest-hash lookup over the gallery's 256-bit perceptual hashes, queried with all 8 dihedral
// variants of a feed image at once. Pure: imports only ./hash and ./vectors.
// Hashes live packed in one Int32Array; search() probes multi-index tables, nearest() scans.

import { HASH_WORDS, popcount32 } from './hash';
import { seededRandom } from './vectors';

export interface HashMatch {
  label: string;
  distance: number;
  /** Index of the query that matched (a DIHEDRAL_NAMES index when the queries are dihedralHashes). */
  variant: number;
}

// Local copies: under tsx (the Node CLI) imports compile to getters, and in a profile those getter calls
// dominated the scan.
const WORDS = HASH_WORDS;
const popcount = popcount32;

// Multi-index hashing (Norouzi et al.): split the 256 bits into 16 chunks of 16 bits. Two hashes within
// distance r agree to within floor(r / 16) bits on at least one chunk, so probing each chunk's table with
// every key that close finds all matches exactly. Probing radius 2 (137 keys a chunk) covers r ≤ 47.
const CHUNKS = 16;
const KEYS = 1 << 16;
const MAX_PROBE_RADIUS = 2;
// Below this size the plain scan is already well under a millisecond and the 4 MB of tables is not worth it.
const MIN_INDEXED = 4096;
// Hashes added since the last table build are scanned directly; past this many the tables are rebuilt
// (O(n): 30–45 ms at 100k, so also paid by the first search after any removal).
const MAX_PENDING = 2048;

interface ChunkTables {
  /** Slots whose chunk c has key k: entries[c*count + offsets[c*(KEYS+1) + k] ..< offsets[... + k + 1]]. */
  offsets: Int32Array;
  entries: Int32Array;
  /** Slots 0 ..< count are in the tables. */
  count: number;
}

export class HashIndex {
  // Int32Array: V8 keeps int32 lanes as small integers, Uint32Array values ≥ 2³¹ become doubles (~1.7× slower).
  private words = new Int32Array(WORDS * 1024);
  private labels: string[] = [];
  private readonly slots = new Map<string, number>();
  private tables: ChunkTables | null = null;
  private marks = new Uint32Array(0);
  private stamp = 0;

  get size(): number {
    return this.labels.length;
  }

  has(label: string): boolean {
    return this.slots.has(label);
  }

  /** Adds a hash, replacing any hash already stored under the label. */
  add(label: string, hash: Uint32Array): void {
    if (hash.length !== WORDS) throw new RangeError(`hash has ${hash.length} words, need ${WORDS}`);
    let slot = this.slots.get(label);
    if (slot === undefined) {
      slot = this.labels.length;
      if ((slot + 1) * WORDS > this.words.length) {
        const grown = new Int32Array(this.words.length * 2);
        grown.set(this.words);
        this.words = grown;
      }
      this.labels.push(label);
      this.slots.set(label, slot);
    } else if (this.tables && slot < this.tables.count) {
      this.tables = null;
    }
    this.words.set(hash, slot * WORDS);
  }

  /** Removes the label's hash by moving the last one into its slot, keeping storage dense. */
  remove(label: string): boolean {
    const slot = this.slots.get(label);
    if (slot === undefined) return false;
    const last = this.labels.length - 1;
    const lastLabel = this.labels[last]!;
    if (slot !== last) {
      this.words.copyWithin(slot * WORDS, last * WORDS, (last + 1) * WORDS);
      this.labels[slot] = lastLabel;
      this.slots.set(lastLabel, slot);
    }
    this.labels.pop();
    this.slots.delete(label);
    this.tables = null;
    return true;
  }

  /** The closest stored hash to any query within maxDistance, or null. */
  search(queries: readonly Uint32Array[], maxDistance: number): HashMatch | null {
    if (queries.length === 0 || maxDistance < 0) return null;
    const radius = Math.floor(maxDistance / CHUNKS);
    const tables = radius <= MAX_PROBE_RADIUS ? this.currentTables() : null;
    if (!tables) return this.scan(queries, 1, maxDistance)[0] ?? null;
    const q = packQueries(queries);
    let best: HashMatch | null = null;
    let bound = maxDistance;
    const found = this.candidates(q, tables, radius);
    for (let i = 0; i < found.length; i += 2) {
      const slot = found[i]!;
      const v = found[i + 1]!;
      const d = this.distanceTo(slot, q, v * WORDS, bound);
      if (d <= bound) {
        best = { label: this.labels[slot]!, distance: d, variant: v };
        if (d === 0) break;
        bound = d - 1;
      }
    }
    return best;
  }

  /** The k stored hashes closest to any of the queries, closest first (a full scan). */
  nearest(queries: readonly Uint32Array[], k: number): HashMatch[] {
    return this.scan(queries, k, WORDS * 32);
  }

  private scan(queries: readonly Uint32Array[], k: number, maxDistance: number): HashMatch[] {
    if (k < 1 || queries.length === 0) return [];
    const q = packQueries(queries);
    // Kept sorted by distance; `bound` is the distance a new hit must not exceed.
    const hits: { slot: number; distance: number; variant: number }[] = [];
    let bound = maxDistance;
    const words = this.words;
    for (let slot = 0, base = 0; slot < this.labels.length && bound >= 0; slot++, base += WORDS) {
      let d = bound + 1;
      let v = -1;
      for (let qb = 0; qb < q.length; qb += WORDS) {
        let dq = 0;
        for (let w = 0; w < WORDS && dq < d; w++) dq += popcount(words[base + w]! ^ q[qb + w]!);
        if (dq < d) {
          d = dq;
          v = qb / WORDS;
        }
      }
      if (v < 0) continue;
      let at = hits.length;
      while (at > 0 && hits[at - 1]!.distance > d) at--;
      hits.splice(at, 0, { slot, distance: d, variant: v });
      if (hits.length > k) hits.pop();
      if (hits.length === k) bound = hits[k - 1]!.distance - 1;
    }
    return hits.map((h) => ({ label: this.labels[h.slot]!, distance: h.distance, variant: h.variant }));
  }

  /** Distance from the slot to the query at q[qb..], or some value > bound once it is known to exceed it. */
  private distanceTo(slot: number, q: Int32Array, qb: number, bound: number): number {
    const words = this.words;
    const base = slot * WORDS;
    let d = 0;
    // Random hashes differ in ~16 bits a word, so most rows are rejected after two or three words.
    for (let w = 0; w < WORDS && d <= bound; w++) d += popcount(words[base + w]! ^ q[qb + w]!);
    return d;
  }

  /**
   * (slot, query index) pairs, flattened, where the slot shares a chunk within `radius` bits with that
   * query; slots not yet in the tables are paired with every query.
   */
  private candidates(q: Int32Array, tables: ChunkTables, radius: number): number[] {
    if (this.marks.length < this.labels.length) this.marks = new Uint32Array(this.words.length / WORDS);
    const marks = this.marks;
    const found: number[] = [];
    const { offsets, entries, count } = tables;
    let stamp = 0;
    let v = 0;
    const visit = (c: number, key: number) => {
      const o = c * (KEYS + 1) + key;
      for (let e = c * count + offsets[o]!, end = c * count + offsets[o + 1]!; e < end; e++) {
        const slot = entries[e]!;
        if (marks[slot] !== stamp) {
          marks[slot] = stamp;
          found.push(slot, v);
        }
      }
    };
    for (let qb = 0; qb < q.length; qb += WORDS, v++) {
      stamp = this.stamp = (this.stamp + 1) >>> 0 || 1;
      for (let c = 0; c < CHUNKS; c++) {
        const key = (q[qb + (c >> 1)]! >>> ((c & 1) * 16)) & 0xffff;
        visit(c, key);
        for (let i = 0; i < 16 && radius >= 1; i++) {
          visit(c, key ^ (1 << i));
          for (let j = i + 1; j < 16 && radius >= 2; j++) visit(c, key ^ (1 << i) ^ (1 << j));
        }
      }
      for (let slot = count; slot < this.labels.length; slot++) found.push(slot, v);
    }
    return found;
  }

  private currentTables(): ChunkTables | null {
    const n = this.labels.length;
    if (n < MIN_INDEXED) return null;
    if (!this.tables || n - this.tables.count > MAX_PENDING) this.tables = this.buildTables();
    return this.tables;
  }

  private buildTables(): ChunkTables {
    const count = this.labels.length;
    const words = this.words;
    const offsets = new Int32Array(CHUNKS * (KEYS + 1));
    const entries = new Int32Array(CHUNKS * count);
    for (let c = 0; c < CHUNKS; c++) {
      const ob = c * (KEYS + 1);
      const word = c >> 1;
      const shift = (c & 1) * 16;
      for (let s = 0; s < count; s++) offsets[ob + ((words[s * WORDS + word]! >>> shift) & 0xffff) + 1]!++;
      for (let k = 0; k < KEYS; k++) offsets[ob + k + 1]! += offsets[ob + k]!;
      const fill = offsets.slice(ob, ob + KEYS);
      for (let s = 0; s < count; s++) entries[c * count + fill[(words[s * WORDS + word]! >>> shift) & 0xffff]!++] = s;
    }
    return { offsets, entries, count };
  }
}

function packQueries(queries: readonly Uint32Array[]): Int32Array {
  const packed = new Int32Array(queries.length * WORDS);
  queries.forEach((q, i) => {
    if (q.length !== WORDS) throw new RangeError(`query has ${q.length} words, need ${WORDS}`);
    packed.set(q, i * WORDS);
  });
  return packed;
}

export interface HashIndexBenchmark {
  n: number;
  /** search() with 8 query variants and maxDistance 31 (PDQ's match threshold), nothing within it. */
  msPerSearch: number;
  /** The same with maxDistance 47, the widest the multi-index tables answer before falling back to a scan. */
  msPerSearchWide: number;
  /** nearest() with 8 query variants, k = 10. */
  msPerNearest: number;
}

/** Timings on uniformly random hashes; print them from a benchmark script, never assert on them. */
export function benchmarkHashIndex(n: number, queries = 200): HashIndexBenchmark {
  const random = seededRandom(1);
  const randomHash = () => Uint32Array.from({ length: WORDS }, () => (random() * 2 ** 32) >>> 0);
  const index = new HashIndex();
  for (let i = 0; i < n; i++) index.add(`h${i}`, randomHash());
  const sets = Array.from({ length: queries }, () => Array.from({ length: 8 }, randomHash));
  const time = (run: (qs: Uint32Array[]) => unknown) => {
    for (const qs of sets.slice(0, 10)) run(qs);
    const start = performance.now();
    for (const qs of sets) run(qs);
    return (performance.now() - start) / sets.length;
  };
  return {
    n,
    msPerSearch: time((qs) => index.search(qs, 31)),
    msPerSearchWide: time((qs) => index.search(qs, 47)),
    msPerNearest: time((qs) => index.nearest(qs, 10)),
  };
}
