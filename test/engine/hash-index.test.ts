import { describe, expect, it } from 'vitest';
import { hammingDistance } from '../../src/engine/hash';
import { HashIndex } from '../../src/engine/hash-index';
import { seededRandom } from '../../src/engine/vectors';

const random = seededRandom(42);
const randomHash = () => Uint32Array.from({ length: 8 }, () => (random() * 2 ** 32) >>> 0);

/** A copy of `hash` with `bits` distinct bits flipped. */
function flip(hash: Uint32Array, bits: number): Uint32Array {
  const out = Uint32Array.from(hash);
  const chosen = new Set<number>();
  while (chosen.size < bits) chosen.add(Math.floor(random() * 256));
  for (const b of chosen) out[b >>> 5]! ^= 1 << (b & 31);
  return out;
}

function naive(stored: Map<string, Uint32Array>, queries: Uint32Array[]) {
  return [...stored].map(([label, hash]) => ({
    label,
    distance: Math.min(...queries.map((q) => hammingDistance(q, hash))),
  }));
}

/** Random hashes plus near copies of some, so matches exist at every distance the tests probe. */
function populate(n: number): { index: HashIndex; stored: Map<string, Uint32Array> } {
  const index = new HashIndex();
  const stored = new Map<string, Uint32Array>();
  const originals: Uint32Array[] = [];
  for (let i = 0; i < n; i++) {
    const source = originals[Math.floor(random() * originals.length)];
    const hash = source && random() < 0.2 ? flip(source, 1 + Math.floor(random() * 60)) : randomHash();
    originals.push(hash);
    index.add(`h${i}`, hash);
    stored.set(`h${i}`, hash);
  }
  return { index, stored };
}

describe('HashIndex', () => {
  // 6,000 hashes is above the size where the multi-index tables take over from the plain scan.
  for (const n of [300, 6000]) {
    describe(`with ${n} hashes`, () => {
      const { index, stored } = populate(n);
      const hashes = [...stored.values()];

      it('finds what a naive scan finds, within every radius', () => {
        for (let t = 0; t < 40; t++) {
          const target = hashes[Math.floor(random() * hashes.length)]!;
          const queries = [randomHash(), flip(target, Math.floor(random() * 50)), randomHash()];
          for (const maxDistance of [0, 15, 31, 47, 70]) {
            const expected = naive(stored, queries).filter((m) => m.distance <= maxDistance);
            const best = Math.min(...expected.map((m) => m.distance));
            const found = index.search(queries, maxDistance);
            if (expected.length === 0) {
              expect(found).toBeNull();
              continue;
            }
            expect(found?.distance).toBe(best);
            expect(hammingDistance(queries[found!.variant]!, stored.get(found!.label)!)).toBe(best);
          }
        }
      });

      it('lists the k nearest like a naive scan', () => {
        const queries = [flip(hashes[3]!, 20), randomHash()];
        const expected = naive(stored, queries)
          .map((m) => m.distance)
          .sort((a, b) => a - b)
          .slice(0, 15);
        const found = index.nearest(queries, 15);
        expect(found.map((m) => m.distance)).toEqual(expected);
        for (const m of found) expect(hammingDistance(queries[m.variant]!, stored.get(m.label)!)).toBe(m.distance);
      });
    });
  }

  it('reports which query variant matched', () => {
    const index = new HashIndex();
    const target = randomHash();
    index.add('work', target);
    expect(index.search([randomHash(), randomHash(), flip(target, 5)], 31)).toEqual({
      label: 'work',
      distance: 5,
      variant: 2,
    });
  });

  it('removes and replaces hashes', () => {
    const { index, stored } = populate(6000);
    const hashes = [...stored];
    expect(index.search([hashes[0]![1]], 0)?.label).toBe('h0');
    for (const [label] of hashes.slice(0, 1000)) expect(index.remove(label)).toBe(true);
    expect(index.remove('h0')).toBe(false);
    expect(index.size).toBe(5000);
    for (const [label, hash] of hashes.slice(0, 50)) expect(index.search([hash], 0)?.label).not.toBe(label);
    for (const [label, hash] of hashes.slice(1000)) expect(index.search([hash], 0)?.label).toBe(label);

    const [label, old] = hashes[4000]!;
    const replacement = randomHash();
    index.add(label, replacement);
    expect(index.size).toBe(5000);
    expect(index.search([replacement], 0)?.label).toBe(label);
    expect(index.search([old], 0)?.label).not.toBe(label);
  });

  it('keeps answering while hashes arrive between searches', () => {
    const { index, stored } = populate(4500);
    const extra = Array.from({ length: 3000 }, randomHash);
    extra.forEach((hash, i) => {
      index.add(`x${i}`, hash);
      if (i % 500 === 0) expect(index.search([flip(hash, 10)], 31)?.label).toBe(`x${i}`);
    });
    const [label, hash] = [...stored][17]!;
    expect(index.search([flip(hash, 12)], 31)?.label).toBe(label);
  });

  it('answers an empty index and empty queries', () => {
    const index = new HashIndex();
    expect(index.search([randomHash()], 31)).toBeNull();
    expect(index.nearest([randomHash()], 5)).toEqual([]);
    index.add('a', randomHash());
    expect(index.search([], 31)).toBeNull();
    expect(() => index.add('b', new Uint32Array(4))).toThrow(RangeError);
  });
});
