// A work whose picture lies in its colours — pale yellow shapes on white, as a clip-art sheriff's star — on a
// photographed screen under a strong glare (zoom.ts colourLook): in grey the shapes are near the white and the glare
// washes them out, so only the comparison in blue against yellow confirms the work. The colour look names no other
// yellow work on the same screen, and never judges a grey work by its (flat) colour.
import { describe, expect, it } from 'vitest';
import { GALLERY_KEYPOINTS, QUERY_KEYPOINTS, keypoints } from '../../src/engine/keypoints';
import { FULL, greyAndChroma, resample } from '../../src/engine/image';
import { screenLook } from '../../src/engine/zoom';
import { glaredGrainy, yellowOnWhite } from '../support/pictures';

describe('a yellow-on-white work on a screen under a strong glare (colourLook)', () => {
  it('keeps the colours apart where grey does not', () => {
    const pic = yellowOnWhite(1);
    const { grey, chroma } = greyAndChroma(pic, pic.width, pic.height);
    const spread = (v: Uint8Array) => v.reduce((hi, x) => Math.max(hi, x), 0) - v.reduce((lo, x) => Math.min(lo, x), 255);
    // In grey the shapes sit 25 levels below the white; in blue against yellow 96 below a grey's 128.
    expect(spread(grey)).toBeLessThan(30);
    expect(spread(chroma)).toBeGreaterThan(45);
    expect(greyAndChroma(yellowOnWhite(1, [230, 230, 230]), 480, 360).chroma.every((v) => v === 128)).toBe(true);
    // Resampled (as a feed picture's plane is), the grey is resample's to the byte and the colours keep apart.
    const half = greyAndChroma(pic, 240, 180);
    const resampled = resample(pic, FULL, 240, 180, false, true).data.filter((_, i) => i % 3 === 0);
    expect(Buffer.from(half.grey).equals(Buffer.from(resampled))).toBe(true);
    expect(spread(half.chroma)).toBeGreaterThan(45);
  });

  it('is confirmed by its colours on the screen', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const work = yellowOnWhite(seed);
      const found = screenLook(keypoints(glaredGrainy(work, seed), QUERY_KEYPOINTS), keypoints(work, GALLERY_KEYPOINTS));
      expect(found?.onScreen, `seed ${seed}`).toBeDefined();
      // The grey look did not confirm it: this one was judged in colour.
      expect(found!.onScreen!.colour, `seed ${seed}`).toBe(true);
    }
  });

  it('confirms no other yellow work, nor a grey work, on the same screen', () => {
    const posts = [1, 2, 3, 4].map((seed) => keypoints(glaredGrainy(yellowOnWhite(seed), seed), QUERY_KEYPOINTS));
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
