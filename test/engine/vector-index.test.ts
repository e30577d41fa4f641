import { describe, expect, it } from 'vitest';
import { VectorIndex, benchmarkVectorIndex } from '../../src/engine/vector-index';
import {
  cosine,
  dot,
  l2normalize,
  meanVector,
  norm,
  seededRandom,
  syntheticEmbeddings,
  walshHadamard,
} from '../../src/engine/vectors';

const DIM = 256;

describe('vector helpers', () => {
  it('normalises in place and leaves zero vectors alone', () => {
    const v = new Float32Array([3, 4]);
    expect(l2normalize(v)).toBe(v);
    expect(Array.from(v)).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)]);
    expect(Array.from(l2normalize(new Float32Array(3)))).toEqual([0, 0, 0]);
  });

  it('computes dot, norm, cosine and mean', () => {
    const a = new Float32Array([1, 2, 3, 4, 5]);
    const b = new Float32Array([5, 4, 3, 2, 1]);
    expect(dot(a, b)).toBe(35);
    expect(norm(a)).toBeCloseTo(Math.sqrt(55), 6);
    expect(cosine(a, b)).toBeCloseTo(35 / 55, 6);
    expect(cosine(a, new Float32Array(5))).toBe(0);
    expect(Array.from(meanVector([a, b]))).toEqual([3, 3, 3, 3, 3]);
    expect(() => dot(a, new Float32Array(4))).toThrow(RangeError);
  });

  it('applies a Walsh–Hadamard transform that is its own inverse up to n', () => {
    const random = seededRandom(3);
    const v = Float64Array.from({ length: 64 }, () => random() - 0.5);
    const x = Float64Array.from(v);
    walshHadamard(x);
    walshHadamard(x);
    x.forEach((value, i) => expect(value / 64).toBeCloseTo(v[i]!, 9));
  });

  it('generates reproducible non-negative unit embeddings', () => {
    const a = syntheticEmbeddings(50, DIM, 9).vectors;
    const b = syntheticEmbeddings(50, DIM, 9).vectors;
    expect(a.map((v) => Array.from(v))).toEqual(b.map((v) => Array.from(v)));
    for (const v of a) {
      expect(norm(v)).toBeCloseTo(1, 5);
      expect(Math.min(...v)).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('VectorIndex', () => {
  it('matches brute force closely on 20,000 clustered vectors', () => {
    // Near-duplicate queries are copies of stored works; unrelated ones are what most feed images are.
    for (const unrelated of [false, true]) {
      const { recallAt1, recallAt10 } = benchmarkVectorIndex(20_000, DIM, { queries: 100, unrelated });
      expect(recallAt1).toBeGreaterThanOrEqual(0.99);
      expect(recallAt10).toBeGreaterThanOrEqual(0.95);
    }
  });

  // Exact up to the stored signed bytes (quantize.ts): a cosine moves by about a thousandth at most.
  it('returns exact scores, best first, with labels and groups', () => {
    const data = syntheticEmbeddings(5000, DIM, 4);
    const vectorNumber = (label: string) => {
      const [work, region] = label.slice(1).split('#r');
      return Number(work) * 4 + Number(region);
    };
    const index = new VectorIndex(DIM);
    data.vectors.forEach((v, i) => index.add(`w${Math.floor(i / 4)}#r${i % 4}`, v, `w${Math.floor(i / 4)}`));
    const target = data.vectors[1234]!;
    const found = index.search(target, 5);
    expect(found[0]).toEqual({ label: 'w308#r2', group: 'w308', score: expect.closeTo(1, 3) });
    for (let i = 1; i < found.length; i++) expect(found[i]!.score).toBeLessThanOrEqual(found[i - 1]!.score);
    for (const m of found) expect(m.score).toBeCloseTo(cosine(target, data.vectors[vectorNumber(m.label)]!), 3);
  });

  it('normalises what it stores and what it is asked', () => {
    const index = new VectorIndex(4);
    index.add('a', new Float32Array([2, 0, 0, 0]));
    index.add('b', new Float32Array([0, 5, 5, 0]));
    expect(index.search(new Float32Array([0, 0.1, 0.1, 0]), 1)).toEqual([
      { label: 'b', group: 'b', score: expect.closeTo(1, 6) },
    ]);
  });

  it('removes single vectors and whole groups, in every part of the index', () => {
    const data = syntheticEmbeddings(6000, DIM, 5);
    const index = new VectorIndex(DIM);
    data.vectors.forEach((v, i) => index.add(`w${Math.floor(i / 6)}#r${i % 6}`, v, `w${Math.floor(i / 6)}`));
    expect(index.removeGroup('w10')).toBe(6);
    expect(index.removeGroup('w10')).toBe(0);
    expect(index.remove('w11#r0')).toBe(true);
    expect(index.remove('w11#r0')).toBe(false);
    expect(index.size).toBe(6000 - 7);
    for (const i of [60, 63, 65, 66]) {
      const hits = [...index.search(data.vectors[i]!, 20), ...index.searchExact(data.vectors[i]!, 20)];
      expect(hits.some((m) => m.group === 'w10' || m.label === 'w11#r0')).toBe(false);
    }
    // Vectors moved into the freed slots must still be found under their own labels.
    for (const i of [5999, 5998, 3000]) {
      expect(index.search(data.vectors[i]!, 1)[0]?.label).toBe(`w${Math.floor(i / 6)}#r${i % 6}`);
    }
  });

  it('answers the same whatever was searched before (its temporaries are reused between searches)', () => {
    // Two indexes past the exact-search size, with other counts and code lengths: the second leaves larger
    // distances and longer lists in the shared temporaries than the first reads. The first's short shortlist
    // makes both of its stages choose (4,500 codes → 2,048 → 256).
    const small = syntheticEmbeddings(4500, DIM, 8), large = syntheticEmbeddings(9000, DIM, 9);
    const a = new VectorIndex(DIM, { shortlist: 256 }), b = new VectorIndex(DIM, { codeBits: 1024, shortlist: 1500 });
    small.vectors.forEach((v, i) => a.add(`a${i}`, v));
    large.vectors.forEach((v, i) => b.add(`b${i}`, v));
    const queries = [17, 2222, 4499].map((i) => small.vectors[i]!);
    const first = queries.map((q) => a.search(q, 10));
    queries.forEach((q, i) => expect(first[i]![0]!.label).toBe(`a${[17, 2222, 4499][i]}`));
    b.search(large.vectors[5]!, 50);
    b.search(large.query(true), 10);
    expect(queries.map((q) => a.search(q, 10))).toEqual(first);
    // And a stored vector's exact neighbours are all found.
    const exact = a.searchExact(queries[1]!, 10).map((m) => m.label);
    expect(a.search(queries[1]!, 10).map((m) => m.label)).toEqual(exact);
  });

  it('replaces a vector added again under the same label', () => {
    const data = syntheticEmbeddings(3000, DIM, 6);
    const index = new VectorIndex(DIM);
    data.vectors.forEach((v, i) => index.add(`v${i}`, v, 'old'));
    index.add('v7', data.vectors[2999]!, 'new');
    expect(index.size).toBe(3000);
    expect(index.search(data.vectors[2999]!, 2).map((m) => m.label).sort()).toEqual(['v2999', 'v7']);
    expect(index.removeGroup('new')).toBe(1);
    expect(index.removeGroup('old')).toBe(2999);
    expect(index.size).toBe(0);
  });

  it('answers an empty index, k = 0 and bad dimensions', () => {
    const index = new VectorIndex(DIM);
    const q = syntheticEmbeddings(1, DIM).vectors[0]!;
    expect(index.search(q, 10)).toEqual([]);
    expect(index.searchExact(q, 10)).toEqual([]);
    index.add('a', q);
    expect(index.search(q, 0)).toEqual([]);
    expect(index.search(q, 10)).toHaveLength(1);
    expect(() => index.add('b', new Float32Array(3))).toThrow(RangeError);
    expect(() => index.search(new Float32Array(3), 1)).toThrow(RangeError);
  });
});
