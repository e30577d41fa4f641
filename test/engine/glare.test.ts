// A faint dark wallpaper shown on a photographed screen under a broad glare (appearance.ts unlitCorrelation,
// second-stage.ts screenPlausible): the glare's fall-off, which a quadratic does not follow across the screen, is
// taken off before the two are compared, and a work with hardly a cell of detail anywhere is judged over nearly all
// of itself instead of by cells it cannot show; the screen shortlist takes the same fall-off off. Other faint
// wallpapers on the same screen are not confirmed.
import { describe, expect, it } from 'vitest';
import { GALLERY_KEYPOINTS, QUERY_KEYPOINTS, keypoints } from '../../src/engine/keypoints';
import { screenLook } from '../../src/engine/zoom';
import { screenPlausible } from '../../src/engine/second-stage';
import { prepareImage } from '../../src/engine/prepare';
import { screenCandidates } from '../../src/engine/screen-shortlist';
import { SCREEN_FIT_FIRST } from '../../src/engine/matcher';
import type { Quad } from '../../src/engine/geometry';
import type { Raster } from '../../src/engine/image';
import { faintWallpaper, onGlaredScreen } from '../support/pictures';

/** The middle `width` pixels of `pic`: a screen of other proportions filled with it, its sides cut off. */
function cutToFill(pic: Raster, width: number): Raster {
  const data = new Uint8Array(width * pic.height * 3), left = Math.round((pic.width - width) / 2);
  for (let y = 0; y < pic.height; y++) data.set(pic.data.subarray((y * pic.width + left) * 3, (y * pic.width + left + width) * 3), y * width * 3);
  return { data, width, height: pic.height, channels: 3 };
}

const W = 640, H = 480;
const fraction = (q: Quad) => q.map((p) => ({ x: p.x / W, y: p.y / H })) as Quad;
/** A broad glare of 100 grey levels over the screen's upper middle, and bands of 3 grey levels. */
const glared = (pic: Raster) => onGlaredScreen(pic, { glare: [330, 150, 200, 100], moire: 3 });

describe('a faint work on a screen under a broad glare (screenLook)', () => {
  it('is confirmed where the screen shows it', () => {
    for (const seed of [3, 8, 21]) {
      const work = faintWallpaper(seed);
      const { img, screen } = glared(work);
      const found = screenLook(keypoints(img, QUERY_KEYPOINTS), keypoints(work, GALLERY_KEYPOINTS));
      expect(found?.onScreen, `seed ${seed}`).toBeDefined();
      // A faint work: fewer than three cells of detail in all of it.
      expect(found!.onScreen!.detailed).toBeLessThan(3);
      // The glare pulls its light and dark as posted far from the work's.
      expect(found!.appearance.whole).toBeLessThan(0.8);
      expect(found!.corners.every((p, i) => Math.hypot(p.x - fraction(screen)[i]!.x, p.y - fraction(screen)[i]!.y) < 0.05)).toBe(true);
    }
  });

  it('is confirmed cut to fill the screen, placed in its own proportions', () => {
    // On some of these synthetic screens the finders outline the bezel, and no place on it holds the work: most, not
    // all, are confirmed.
    let confirmed = 0;
    for (const seed of [3, 5, 8, 13, 21, 34]) {
      const work = faintWallpaper(seed, 480, 340);
      const found = screenLook(keypoints(glared(cutToFill(work, 442)).img, QUERY_KEYPOINTS), keypoints(work, GALLERY_KEYPOINTS));
      if (!found) continue;
      confirmed++;
      expect(found.onScreen?.fitted).toBe(true);
      // No cell of detail shows: the work was judged over nearly all of itself.
      expect(found.appearance.cells).toBeLessThan(3);
      expect(found.appearance.inside).toBeGreaterThan(0.8);
    }
    expect(confirmed).toBeGreaterThanOrEqual(4);
  });

  it('confirms no other faint wallpaper on the same screen', () => {
    const posts = [3, 8, 21].map((seed) => keypoints(glared(faintWallpaper(seed)).img, QUERY_KEYPOINTS));
    for (const seed of [1, 2, 4, 5, 6, 9, 11, 13]) {
      const other = keypoints(faintWallpaper(seed), GALLERY_KEYPOINTS);
      for (const post of posts) expect(screenLook(post, other), `work ${seed}`).toBeNull();
    }
  });
});

describe('the screen shortlist under the same glare (screenCandidates)', () => {
  it('names the faint work first, close enough to be looked at, for most such screens', () => {
    // With a quadratic surface off, none of these five is named first at SCREEN_FIT_FIRST (at best 0.62); with the
    // quartic three are (0.82–0.87), the other two come second at 0.67–0.71.
    const gallery = [1, 2, 3, 4, 5, 6, 8, 9, 11, 13, 21].map((seed) => [`w${seed}`, prepareImage(faintWallpaper(seed), 'gallery').thumb!] as const);
    let first = 0;
    for (const seed of [3, 5, 8, 13, 21]) {
      const view = prepareImage(glared(faintWallpaper(seed)).img, 'query').screen;
      expect(view, `seed ${seed}`).toBeDefined();
      const named = screenCandidates(view!, gallery, -1);
      if (named[0]?.workId === `w${seed}` && named[0].score >= SCREEN_FIT_FIRST) first++;
    }
    expect(first).toBeGreaterThanOrEqual(3);
  });
});

describe('a work placed on a screen in its own proportions (screenPlausible)', () => {
  const shown = (cells: number, inside: number) => ({ cells, agree: 1, whole: 0.95, inside });
  it('must show cells of detail, or all but a little of itself when it has hardly any', () => {
    expect(screenPlausible(shown(5, 0.5), { fitted: true, detailed: 20 })).toBe(true);
    // A glow's round middle over a disc: none of the work's many cells of detail shows.
    expect(screenPlausible(shown(0, 0.95), { fitted: true, detailed: 20 })).toBe(false);
    // A faint work: nearly all of it shows, or it is not judged.
    expect(screenPlausible(shown(0, 0.9), { fitted: true, detailed: 1 })).toBe(true);
    expect(screenPlausible(shown(0, 0.6), { fitted: true, detailed: 1 })).toBe(false);
  });
});
