// A work whose picture lies in its colours — pale yellow shapes on white, as a clip-art sheriff's star — on a
// photographed screen under a strong glare (zoom.ts colourLook): in grey the shapes are near the white and the glare
// washes them out, so only the comparison in blue against yellow confirms the work. The colour look names no other
// yellow work on the same screen, and never judges a grey work by its (flat) colour.
import { describe, expect, it } from 'vitest';
import { GALLERY_KEYPOINTS, QUERY_KEYPOINTS, keypoints } from '../../src/engine/keypoints';
import { greyAndChroma, greyBytes, type Raster } from '../../src/engine/image';
import { screenLook } from '../../src/engine/zoom';
import { seededRandom } from '../../src/engine/vectors';
import { noisy, onGlaredScreen } from '../support/pictures';

/** Pale yellow discs and bars on white, placed per seed; `ink` their colour (a grey of the same luma for a grey twin). */
function yellowOnWhite(seed: number, ink: [number, number, number] = [255, 250, 60], W = 480, H = 360): Raster {
  const r = seededRandom(seed);
  const discs = Array.from({ length: 6 }, () => ({ x: r() * W, y: r() * H, s: 20 + r() * 60 }));
  const bars = Array.from({ length: 3 }, () => ({ x: r() * W * 0.8, y: r() * H * 0.8, w: 40 + r() * 120, h: 15 + r() * 40 }));
  const data = new Uint8Array(W * H * 3).fill(255);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const on = discs.some((d) => (x - d.x) ** 2 + (y - d.y) ** 2 < d.s ** 2) || bars.some((b) => x >= b.x && x < b.x + b.w && y >= b.y && y < b.y + b.h);
      if (on) data.set(ink, (y * W + x) * 3);
    }
  }
  return { data, width: W, height: H, channels: 3 };
}

/**
 * A broad glare of 180 grey levels over the screen's lower middle, where red and green run into the top and only
 * blue is left to tell yellow from white, and a camera's grain of 6 grey levels, the same in every channel.
 */
const glared = (pic: Raster, seed: number) => noisy(onGlaredScreen(pic, { glare: [330, 250, 200, 180], moire: 3 }).img, 6, seed);

describe('a yellow-on-white work on a screen under a strong glare (colourLook)', () => {
  it('keeps the colours apart where grey does not', () => {
    const pic = yellowOnWhite(1);
    const { grey, chroma } = greyAndChroma(pic, pic.width, pic.height);
    const spread = (v: Uint8Array) => v.reduce((hi, x) => Math.max(hi, x), 0) - v.reduce((lo, x) => Math.min(lo, x), 255);
    // In grey the shapes sit 25 levels below the white; in blue against yellow 96 below a grey's 128.
    expect(spread(grey)).toBeLessThan(30);
    expect(spread(chroma)).toBeGreaterThan(45);
    expect(greyAndChroma(yellowOnWhite(1, [230, 230, 230]), 480, 360).chroma.every((v) => v === 128)).toBe(true);
    // Resampled (as a feed picture's plane is), the grey is greyBytes' to the byte and the colours keep apart.
    const half = greyAndChroma(pic, 240, 180);
    expect(Buffer.from(half.grey).equals(Buffer.from(greyBytes(pic, 240, 180)))).toBe(true);
    expect(spread(half.chroma)).toBeGreaterThan(45);
  });

  it('is confirmed by its colours on the screen', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const work = yellowOnWhite(seed);
      const found = screenLook(keypoints(glared(work, seed), QUERY_KEYPOINTS), keypoints(work, GALLERY_KEYPOINTS));
      expect(found?.onScreen, `seed ${seed}`).toBeDefined();
      // The grey look did not confirm it: this one was judged in colour.
      expect(found!.onScreen!.colour, `seed ${seed}`).toBe(true);
    }
  });

  it('confirms no other yellow work, nor a grey work, on the same screen', () => {
    const posts = [1, 2, 3, 4].map((seed) => keypoints(glared(yellowOnWhite(seed), seed), QUERY_KEYPOINTS));
    for (const seed of [7, 8, 9, 10, 11, 12]) {
      const other = keypoints(yellowOnWhite(seed), GALLERY_KEYPOINTS);
      for (const post of posts) expect(screenLook(post, other), `work ${seed}`).toBeNull();
    }
    // The same shapes in a grey of the yellow's luma: no colour to judge them by, and too faint in grey under the glare.
    for (const [i, seed] of [1, 2, 3, 4].entries()) {
      const greyTwin = keypoints(yellowOnWhite(seed, [230, 230, 230]), GALLERY_KEYPOINTS);
      expect(screenLook(posts[i]!, greyTwin)?.onScreen?.colour, `grey twin ${seed}`).toBeUndefined();
    }
  });
});
