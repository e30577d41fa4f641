// The second stage looks for screens in a post's grey plane (engine/zoom.ts screensOf) for every picture it checks;
// greyResample shrinks that plane directly instead of copying it into three equal channels for resample(). The
// screens found must not change, so the bytes must be the same as resample()'s. The tiled-mark look (marks.ts inkOver)
// reads the one channel alone.
import { describe, expect, it } from 'vitest';
import { FULL, greyPlaneResample, greyResample, resample } from '../../src/engine/image';
import { seededRandom } from '../../src/engine/vectors';

function plane(w: number, h: number, seed: number) {
  const r = seededRandom(seed), data = new Uint8Array(w * h);
  // Noise over a gradient and a few hard edges: every rounding case of the area weights.
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[y * w + x] = Math.min(255, (x * 255) / w * 0.5 + (y % 37 < 5 ? 90 : 0) + r() * 60);
  return { data, width: w, height: h };
}

describe('greyResample', () => {
  it('gives the bytes resample() gives for the same grey in three channels, shrinking and enlarging', () => {
    for (const [w, h, ow, oh, seed] of [[512, 341, 224, 224, 1], [300, 512, 224, 224, 2], [97, 61, 224, 224, 3], [1024, 577, 113, 64, 4]] as const) {
      const p = plane(w, h, seed);
      const rgb = new Uint8Array(w * h * 3);
      for (let i = 0; i < p.data.length; i++) rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = p.data[i]!;
      const want = resample({ data: rgb, width: w, height: h, channels: 3 }, FULL, ow, oh);
      const got = greyResample(p, ow, oh);
      expect([got.width, got.height, got.channels]).toEqual([ow, oh, 3]);
      expect(Buffer.from(got.data).equals(Buffer.from(want.data))).toBe(true);
    }
  });

  it('one byte a pixel (greyPlaneResample, the tiled-mark look): the first channel of those bytes', () => {
    for (const [w, h, ow, oh, seed] of [[512, 384, 384, 288, 5], [341, 512, 288, 384, 6], [97, 61, 224, 224, 7]] as const) {
      const p = plane(w, h, seed);
      const rgb = greyResample(p, ow, oh).data;
      const got = greyPlaneResample(p, ow, oh);
      expect(got.length).toBe(ow * oh);
      expect(Buffer.from(got).equals(Buffer.from(rgb.filter((_, i) => i % 3 === 0)))).toBe(true);
    }
  });
});
