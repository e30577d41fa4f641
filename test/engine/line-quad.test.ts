// A photographed screen found by its four straight sides (layout.ts lineQuad), where its light does not set it
// apart: a flat drawing whose night sky is as dark as the bezel at its left end, and whose white wall shines under
// a glare, leaves no lit region shaped like the screen and no outline closed all round, yet each side of the screen
// (or of the bezel) is a straight step the same way along most of its length. The drawing laid over that screen is
// confirmed; another drawing is not. Paintings and smooth skies posted as they are show no such four sides.
import { describe, expect, it } from 'vitest';
import { bezelQuad, enclosedQuad, lineQuad, screenQuad, screenQuads } from '../../src/engine/layout';
import { GALLERY_KEYPOINTS, QUERY_KEYPOINTS, keypoints } from '../../src/engine/keypoints';
import { screenLook } from '../../src/engine/zoom';
import { FULL, resample, type Raster } from '../../src/engine/image';
import type { Quad } from '../../src/engine/geometry';
import { canvas, onGlaredScreen, painting, smooth } from '../support/pictures';

const W = 640, H = 480;
const fraction = (q: Quad) => q.map((p) => ({ x: p.x / W, y: p.y / H })) as Quad;
const overview = (r: Raster) => resample(r, FULL, 224, 224);

/** A flat drawing of a building's corner under a night sky, the sky's left end as dark as a bezel; `wall` its lit side. */
function corner(wall: [number, number, number] = [226, 240, 230], w = 480, h = 300): Raster {
  const img = canvas(w, h, [40, 60, 120]);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      // The roof line rises to the corner at 60 % of the width, then falls.
      const roof = x < 0.6 * w ? 0.45 * h - (0.08 * h * x) / (0.6 * w) : 0.37 * h + (0.12 * h * (x - 0.6 * w)) / (0.4 * w);
      if (y >= roof) img.data.set(x < 0.6 * w ? [8, 84, 110] : wall, (y * w + x) * 3);
      else if (x < 0.2 * w) img.data.set([22, 26, 32], (y * w + x) * 3);
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
