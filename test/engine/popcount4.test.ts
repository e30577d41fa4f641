// Descriptor matching (verify.ts matchDescriptors) counts the bits two descriptors differ in four words at a time
// (keypoints.ts popcount4): the pairs it keeps hang on exact counts, so the merged count must be the plain one.
import { describe, expect, it } from 'vitest';
import { popcount4 } from '../../src/engine/keypoints';
import { seededRandom } from '../../src/engine/vectors';

const plain = (v: number) => [...(v >>> 0).toString(2)].filter((c) => c === '1').length;

describe('popcount4', () => {
  it('is the sum of the four words\' set bits, at the extremes and for random words', () => {
    const r = seededRandom(44);
    const word = () => (r() * 2 ** 32) >>> 0;
    const cases: [number, number, number, number][] = [[0, 0, 0, 0], [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], [0x80000000, 1, 0x55555555, 0xaaaaaaaa], [-1, 0, -1, 0]];
    for (let i = 0; i < 2000; i++) cases.push([word(), word(), word(), word()]);
    for (const [a, b, c, d] of cases) expect(popcount4(a, b, c, d)).toBe(plain(a) + plain(b) + plain(c) + plain(d));
  });
});
