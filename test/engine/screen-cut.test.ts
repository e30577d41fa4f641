// A screen photographed close, its near side running past the photo's edge (an independently made set's third
// draw: a flat drawing on a monitor turned 15°, the screen's left edge off the photo). The frame cuts the screen
// there, so no finder sees four sides of its own: three steps to the bezel and the frame are its outline
// (layout.ts bezelOutline's outline cut by the frame). The drawing laid over it is confirmed; others are not.
import { describe, expect, it } from 'vitest';
import { bezelLineQuad, bezelQuad, enclosedQuad, lineQuad, screenQuad, screenQuads } from '../../src/engine/layout';
import { GALLERY_KEYPOINTS, QUERY_KEYPOINTS, keypoints } from '../../src/engine/keypoints';
import { screenLook } from '../../src/engine/zoom';
import { FULL, resample, type Raster } from '../../src/engine/image';
import type { Quad } from '../../src/engine/geometry';
import { canvas, onGlaredScreen, painting, smooth } from '../support/pictures';

const W = 640, H = 480;
const overview = (r: Raster) => resample(r, FULL, 224, 224);

/**
 * A flat drawing: a light sheet of paper curling over a teal ground, a coral one behind it; `other`, the same
 * sheets and colours laid out differently (another drawing in the same hand).
 */
function sheets(other = false, w = 480, h = 300): Raster {
  const img = canvas(w, h, [40, 170, 160]);
  const [cx, bx, sx] = other ? [0.3, 0.4, 0.62] : [0.68, 0.6, 0.45];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const o = (y * w + x) * 3, u = other ? w - x : x;
      // The coral sheet: an ellipse; the light one: a slanted band from a bottom corner, its curl a dark ellipse.
      if (((x - cx * w) / (0.14 * w)) ** 2 + ((y - 0.62 * h) / (0.36 * h)) ** 2 < 1) img.data.set([236, 130, 128], o);
      if (y > 0.75 * h - 0.55 * u * (h / w) && y < 1.25 * h - 0.55 * u * (h / w) && u < bx * w) img.data.set([170, 236, 200], o);
      if (((x - sx * w) / (0.09 * w)) ** 2 + ((y - 0.5 * h) / (0.4 * h)) ** 2 < 1 && (other ? x < sx * w + 0.09 * w * 0.2 : x > 0.36 * w)) img.data.set([40, 84, 76], o);
    }
  }
  return img;
}

/** The screen turned so its left side lies 12–16 px past the photo's left edge; the bezel around it. */
const SCREEN: Quad = [{ x: -16, y: 96 }, { x: 540, y: 74 }, { x: 548, y: 392 }, { x: -12, y: 452 }];
const BEZEL: Quad = [{ x: -40, y: 70 }, { x: 566, y: 48 }, { x: 574, y: 416 }, { x: -36, y: 478 }];
const shot = onGlaredScreen(sheets(), { screen: SCREEN, bezel: BEZEL, glare: [420, 60, 260, 70], moire: 5 });
/** The part of the screen on the photo, in fractions: its left side is the photo's. */
const shown: Quad = [{ x: 0, y: 95 / H }, { x: 540 / W, y: 74 / H }, { x: 548 / W, y: 392 / H }, { x: 0, y: 451 / H }];
const near = (q: Quad | null, to: Quad, by = 0.04) => !!q && q.every((p, i) => Math.hypot(p.x - to[i]!.x, p.y - to[i]!.y) < by);

describe("a screen cut by the photo's edge", () => {
  it('is outlined by its three sides and the frame, where no finder outlines it otherwise', () => {
    const ov = overview(shot.img);
    for (const other of [screenQuad(ov), bezelQuad(ov), enclosedQuad(ov), lineQuad(ov), bezelLineQuad(ov)]) expect(near(other, shown)).toBe(false);
    expect(screenQuads(ov).some((q) => near(q, shown))).toBe(true);
  });

  it('lays the drawing over that outline and confirms it, and no other picture', () => {
    const post = keypoints(shot.img, QUERY_KEYPOINTS);
    expect(screenLook(post, keypoints(sheets(), GALLERY_KEYPOINTS))?.onScreen).toBeDefined();
    // The same sheets and colours laid out otherwise.
    expect(screenLook(post, keypoints(sheets(true), GALLERY_KEYPOINTS))).toBeNull();
    expect(screenLook(post, keypoints(painting(480, 300, 5), GALLERY_KEYPOINTS))).toBeNull();
    expect(screenLook(post, keypoints(smooth(3), GALLERY_KEYPOINTS))).toBeNull();
  });

  it("takes no more than one side from the frame: a phone screenshot's picture is not a screen", () => {
    // A feed app's screenshot: a red-ringed sign on white, the width of the phone, between the app's bars.
    const W2 = 360, H2 = 780, shotImg = canvas(W2, H2, [255, 255, 255]);
    for (let y = 0; y < H2; y++) {
      for (let x = 0; x < W2; x++) {
        const o = (y * W2 + x) * 3, r = Math.hypot(x - 180, y - 260) / 150;
        if (y < 40 || y > 720) shotImg.data.set([24, 24, 24], o);
        else if (r > 0.82 && r < 1) shotImg.data.set([226, 30, 36], o);
        else if (r < 0.82 && Math.abs(x - 180) < 70 && Math.abs(y - 260) < 40) shotImg.data.set([10, 10, 10], o);
        else if (y > 430 && y < 434) shotImg.data.set([200, 200, 200], o);
      }
    }
    const onFrame = (q: Quad) => [q[0]!.x + q[3]!.x, 2 - q[1]!.x - q[2]!.x, q[0]!.y + q[1]!.y, 2 - q[2]!.y - q[3]!.y].filter((d) => d < 0.02).length;
    for (const q of screenQuads(overview(shotImg))) expect(onFrame(q)).toBeLessThanOrEqual(1);
  });
});
