// A tall screenshot's crops are mostly full-width windows down the page; prepareImage passes over the picture's rows
// once (image.ts rowPass) and those resamples read that pass instead of their own. The crops the model sees must
// not change: every resample given the pass gives the bytes it gives without it, whether it can use the pass (a box
// across the whole width, unmirrored, at the pass's width) or not.
import { describe, expect, it } from 'vitest';
import { FULL, resample, rowPass, type Box, type Raster } from '../../src/engine/image';
import { seededRandom } from '../../src/engine/vectors';

function screenshot(w: number, h: number, seed: number, channels: 3 | 4 = 3): Raster {
  const r = seededRandom(seed), data = new Uint8Array(w * h * channels);
  // Colour noise over bands and a gradient: every rounding case of the area weights, in each channel.
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const o = (y * w + x) * channels;
    for (let c = 0; c < 3; c++) data[o + c] = Math.min(255, (y % 53 < 9 ? 120 : 20) + ((x * (c + 1) * 40) / w) + r() * 80);
    if (channels === 4) data[o + 3] = 128 + Math.floor(r() * 128);
  }
  return { data, width: w, height: h, channels };
}

const same = (a: Raster, b: Raster) => a.width === b.width && a.height === b.height && Buffer.from(a.data).equals(Buffer.from(b.data));

describe('rowPass', () => {
  it('leaves every crop as resample() makes it alone: full-width windows, the tall view, and boxes it cannot serve', () => {
    for (const [w, h, channels, seed] of [[720, 1560, 3, 1], [1080, 2340, 3, 2], [500, 1200, 4, 3], [300, 290, 3, 4]] as const) {
      const src = screenshot(w, h, seed, channels);
      const pass = rowPass(src, 224);
      const cases: [Box, number, number, boolean, boolean][] = [
        [FULL, 224, 224, false, false],
        [FULL, 224, 517, false, false],
        [{ x: 0, y: 0.31, w: 1, h: 0.2 }, 224, 224, false, false],
        [{ x: 0, y: 0.77, w: 1, h: 0.23 }, 224, 224, false, true],
        [{ x: 0, y: 0.1, w: 1, h: 0.4 }, 224, 224, true, false],
        [{ x: 0.1, y: 0.2, w: 0.8, h: 0.3 }, 224, 224, false, false],
        [FULL, 113, 250, false, false],
      ];
      for (const [box, ow, oh, mirror, gray] of cases) {
        const want = resample(src, box, ow, oh, mirror, gray);
        expect(same(resample(src, box, ow, oh, mirror, gray, pass), want), `${w}×${h} ${JSON.stringify(box)} → ${ow}×${oh}${mirror ? ' mirrored' : ''}${gray ? ' grey' : ''}`).toBe(true);
      }
    }
  });

  it('is not read for another picture of the same size', () => {
    const a = screenshot(720, 1560, 5), b = screenshot(720, 1560, 6);
    const pass = rowPass(a, 224);
    expect(same(resample(b, FULL, 224, 224, false, false, pass), resample(b, FULL, 224, 224))).toBe(true);
  });
});
