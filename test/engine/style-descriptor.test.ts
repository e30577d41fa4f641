// The style descriptor on synthetic layer statistics: centring on the reference art removes what all art shares,
// each layer weighs the same, and a centre of another descriptor is never applied.
import { describe, expect, test } from 'vitest';
import { STYLE_DESCRIPTOR_ID, styleDescriptor, styleParts, type StyleCentre } from '../../src/engine/style-descriptor';
import { dot, seededRandom } from '../../src/engine/vectors';

const random = seededRandom(11);
const SIZES = [16, 32, 64];
const stats = (f: (layer: number, j: number) => number) => SIZES.map((n, l) => Float32Array.from({ length: n }, (_, j) => f(l, j)));
/** Statistics every picture shares (paper, flat fills) with a small picture-specific part on top. */
const common = stats(() => 1 + random());
const picture = () => { const own = stats(() => 0.3 * random()); return common.map((s, l) => s.map((x, j) => x + own[l]![j]!)); };
const centreOf = (pictures: Float32Array[][], descriptor = STYLE_DESCRIPTOR_ID): StyleCentre => {
  const parts = pictures.map(styleParts);
  const mean = parts[0]!.flatMap((p, l) => Array.from(p, (_, j) => parts.reduce((s, ps) => s + ps[l]![j]!, 0) / parts.length));
  return { about: 'test', descriptor, mean };
};

describe('style descriptor', () => {
  const art = Array.from({ length: 50 }, picture);
  const centre = centreOf(art);

  test('what all art shares does not make two pictures alike once centred', () => {
    const [a, b] = [picture(), picture()];
    expect(dot(styleDescriptor(a, null), styleDescriptor(b, null))).toBeGreaterThan(0.95);
    expect(dot(styleDescriptor(a, centre), styleDescriptor(b, centre))).toBeLessThan(0.5);
    // The same picture stays itself.
    expect(dot(styleDescriptor(a, centre), styleDescriptor(a.map((s) => s.slice()), centre))).toBeCloseTo(1, 5);
  });

  test('the descriptor has unit length and each layer weighs the same, whatever its channel count', () => {
    const d = styleDescriptor(picture(), centre);
    expect(Math.hypot(...d)).toBeCloseTo(1, 5);
    let o = 0;
    for (const n of SIZES) {
      expect(Math.hypot(...d.subarray(o, o + n))).toBeCloseTo(1 / Math.sqrt(SIZES.length), 5);
      o += n;
    }
  });

  test('a centre of another descriptor or size is not applied', () => {
    const p = picture();
    const plain = styleDescriptor(p, null);
    for (const other of [centreOf(art, 'an older descriptor'), { ...centre, mean: centre.mean.slice(1) }]) {
      expect(dot(styleDescriptor(p, other), plain)).toBeCloseTo(1, 5);
    }
  });
});
