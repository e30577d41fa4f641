// A photographed screen found by its four straight sides (layout.ts lineQuad), where its light does not set it
// apart: a flat drawing whose night sky is as dark as the bezel at its left end, and whose white wall shines under
// a glare, leaves no lit region shaped like the screen and no outline closed all round, yet each side of the screen
// (or of the bezel) is a straight step the same way along most of its length. The drawing laid over that screen is
// confirmed; another drawing is not. Paintings and smooth skies posted as they are show no such four sides.
import { describe, expect, it } from 'vitest';
import { bezelLineQuad, bezelQuad, enclosedQuad, lineQuad, screenQuad, screenQuads } from '../../src/engine/layout';
import { GALLERY_KEYPOINTS, QUERY_KEYPOINTS, keypoints } from '../../src/engine/keypoints';
import { screenLook } from '../../src/engine/zoom';
import { FULL, resample, type Raster } from '../../src/engine/image';
import type { Quad } from '../../src/engine/geometry';
import { canvas, onGlaredScreen, painting, smooth } from '../support/pictures';

const W = 640, H = 480;
const fraction = (q: Quad) => q.map((p) => ({ x: p.x / W, y: p.y / H })) as Quad;
const overview = (r: Raster) => resample(r, FULL, 224, 224);

/**
 * A flat drawing of a building's corner under a night sky, the sky's left end as dark as a bezel (unless not
 * `darkEnd`); `wall` its lit side.
 */
function corner(wall: [number, number, number] = [226, 240, 230], w = 480, h = 300, darkEnd = true): Raster {
  const img = canvas(w, h, [40, 60, 120]);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      // The roof line rises to the corner at 60 % of the width, then falls.
      const roof = x < 0.6 * w ? 0.45 * h - (0.08 * h * x) / (0.6 * w) : 0.37 * h + (0.12 * h * (x - 0.6 * w)) / (0.4 * w);
      if (y >= roof) img.data.set(x < 0.6 * w ? [8, 84, 110] : wall, (y * w + x) * 3);
      else if (darkEnd && x < 0.2 * w) img.data.set([22, 26, 32], (y * w + x) * 3);
    }
  }
  return img;
}

const shot = onGlaredScreen(corner(), { glare: [470, 120, 240, 110], moire: 4 });
const screen = fraction(shot.screen), bezel = fraction(shot.bezel);
/** Each corner within 5 % of the picture of the screen's or the bezel's: a side may be either one's edge. */
const onScreen = (q: Quad | null) => !!q && q.every((p, i) => [screen[i]!, bezel[i]!].some((c) => Math.hypot(p.x - c.x, p.y - c.y) < 0.05));

describe('a screen found by its four sides (lineQuad)', () => {
  it('finds the screen that the lit, bezel and closed-edge finders miss', () => {
    const ov = overview(shot.img);
    for (const other of [screenQuad(ov), bezelQuad(ov), enclosedQuad(ov)]) expect(onScreen(other)).toBe(false);
    expect(onScreen(lineQuad(ov))).toBe(true);
    // Among the screens the screen view (prepare.ts) and the second stage (zoom.ts screensOf) read.
    expect(screenQuads(ov).some(onScreen)).toBe(true);
  });

  it('lays the drawing over that screen and confirms it, and no other drawing', () => {
    const post = keypoints(shot.img, QUERY_KEYPOINTS);
    expect(screenLook(post, keypoints(corner(), GALLERY_KEYPOINTS))?.onScreen).toBeDefined();
    // The same sky and roof with an orange wall: the screen's light and dark are not its.
    expect(screenLook(post, keypoints(corner([230, 120, 20]), GALLERY_KEYPOINTS))).toBeNull();
    expect(screenLook(post, keypoints(painting(480, 300, 5), GALLERY_KEYPOINTS))).toBeNull();
  });

  it('finds no four sides in paintings or smooth pictures posted as they are', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      expect(lineQuad(overview(painting(480, 360, seed)))).toBeNull();
      expect(lineQuad(overview(smooth(seed)))).toBeNull();
    }
  });
});

// A monitor photographed close, the bezel's left side and the screen's top left corner cut off by the photo's edge
// (3 % of its width off it), the same drawing on it (with no dark end): the screen's left side cannot be an outline's
// for lineQuad, whose corners lie on the photo, and four sides that hold are found among the drawing's own roof and
// walls instead (the white wall); the screen's sides step down to the bezel all round, the wall's do not.
const street = (wall?: [number, number, number]) => corner(wall, 480, 300, false);
const cutScreen: Quad = [{ x: -20, y: 96 }, { x: 560, y: 118 }, { x: 548, y: 384 }, { x: 30, y: 412 }];
const cutBezel: Quad = [{ x: -40, y: 76 }, { x: 580, y: 98 }, { x: 568, y: 404 }, { x: 10, y: 432 }];
const cut = onGlaredScreen(street(), { glare: [420, 100, 240, 100], moire: 6, screen: cutScreen, bezel: cutBezel });

describe('a screen cut by the photo\'s edge, found by its steps to the bezel (bezelLineQuad)', () => {
  it('finds the screen, its corner off the photo included, where the other finders do not', () => {
    const ov = overview(cut.img);
    const want = fraction(cutScreen);
    const near = (q: Quad | null) => !!q && q.every((p, i) => Math.hypot(p.x - want[i]!.x, p.y - want[i]!.y) < 0.03);
    for (const other of [screenQuad(ov), bezelQuad(ov), enclosedQuad(ov), lineQuad(ov)]) expect(near(other)).toBe(false);
    const q = bezelLineQuad(ov);
    expect(near(q)).toBe(true);
    expect(q![0]!.x).toBeLessThan(0);
    expect(screenQuads(ov).some(near)).toBe(true);
  });

  it('lays the drawing over it and confirms it, and no other drawing', () => {
    const post = keypoints(cut.img, QUERY_KEYPOINTS);
    expect(screenLook(post, keypoints(street(), GALLERY_KEYPOINTS))?.onScreen).toBeDefined();
    for (const seed of [5, 6]) expect(screenLook(post, keypoints(painting(480, 300, seed), GALLERY_KEYPOINTS))).toBeNull();
    expect(screenLook(post, keypoints(smooth(3), GALLERY_KEYPOINTS))).toBeNull();
  });

  it('finds no such outline in paintings, smooth pictures or the drawing posted as they are', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      expect(bezelLineQuad(overview(painting(480, 360, seed)))).toBeNull();
      expect(bezelLineQuad(overview(smooth(seed)))).toBeNull();
    }
    expect(bezelLineQuad(overview(street()))).toBeNull();
  });
});
