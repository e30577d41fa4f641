// The closer look turns some looks down before taking them, on what the work alone says (appearance.ts workDetail):
// a detailed work laid edge to edge over all of the post or over a picture inside it (zoom.ts inPlace, pictureLook)
// cannot be confirmed so, and a colour look counts only for a work with colour detail (zoom.ts colourLook). Each
// shortcut is sound only while the look would have reported that same count of the work's detail wherever it laid
// the work; these tests hold the looks to it, and to the shortcuts' answers.
import { describe, expect, it } from 'vitest';
import { GALLERY_KEYPOINTS, QUERY_KEYPOINTS, keypoints, type Keypoints } from '../../src/engine/keypoints';
import { onQuad, sameFrame } from '../../src/engine/verify';
import { workDetail } from '../../src/engine/appearance';
import { inPlace, pictureLook } from '../../src/engine/zoom';
import { confirms, mappingOf, smoothWork } from '../../src/engine/second-stage';
import type { Quad } from '../../src/engine/geometry';
import type { Raster } from '../../src/engine/image';
import { canvas, noisy, painting, paste, smooth, yellowOnWhite } from '../support/pictures';

const detailed = keypoints(painting(480, 360, 3), GALLERY_KEYPOINTS);
const plain = keypoints(smooth(7), GALLERY_KEYPOINTS);
const posts: [string, Keypoints][] = [
  ['the detailed work, noisy', keypoints(noisy(painting(480, 360, 3), 12, 1), QUERY_KEYPOINTS)],
  ['the smooth work, noisy', keypoints(noisy(smooth(7), 12, 2), QUERY_KEYPOINTS)],
  ['another painting', keypoints(painting(480, 360, 9), QUERY_KEYPOINTS)],
];
const quads: [string, Quad][] = [
  ['a screen inside the post', [{ x: 0.2, y: 0.15 }, { x: 0.85, y: 0.2 }, { x: 0.8, y: 0.9 }, { x: 0.15, y: 0.85 }]],
  ['a screen cut by the post\'s edge', [{ x: -0.2, y: 0.1 }, { x: 0.9, y: 0.05 }, { x: 0.95, y: 1.2 }, { x: -0.1, y: 0.9 }]],
];

describe('the work\'s own detail, as every look counts it', () => {
  it('is the count a post laid edge to edge over all of it, or over a picture inside it, reports', () => {
    // Both kinds of work, so both sides of the bar are held.
    expect(smoothWork(workDetail(plain.plane))).toBe(true);
    expect(smoothWork(workDetail(detailed.plane))).toBe(false);
    for (const work of [detailed, plain]) {
      for (const [, post] of posts) {
        expect(sameFrame(post, work)!.appearance.cells).toBe(workDetail(work.plane));
        expect(sameFrame(post, work, { x: 0.1, y: 0.15, w: 0.6, h: 0.6 })!.appearance.cells).toBe(workDetail(work.plane));
      }
    }
  });

  it('is what a screen look reports, wherever the work is laid, in grey and in colour', () => {
    const yellow = keypoints(yellowOnWhite(4), GALLERY_KEYPOINTS);
    const colour = (k: Keypoints): Keypoints => ({ ...k, plane: { data: k.plane.chroma!, width: k.plane.width, height: k.plane.height } });
    // Grey works over grey posts, and the colour planes over the posts' colour planes, as colourLook lays them.
    const pairs: [Keypoints, (k: Keypoints) => Keypoints][] = [[detailed, (k) => k], [plain, (k) => k], [yellow, (k) => k], [colour(yellow), colour], [colour(detailed), colour]];
    for (const [work, asWork] of pairs) {
      for (const [, post] of posts) {
        for (const [, quad] of quads) expect(onQuad(asWork(post), work, quad, { screen: quad })!.onScreen!.detailed).toBe(workDetail(work.plane));
      }
    }
  });
});

describe('looks turned down before they are taken', () => {
  it('a detailed work laid over all of the post: no look, and one taken would not have confirmed', () => {
    for (const [, post] of posts) {
      expect(inPlace(post, detailed)).toBeNull();
      expect(confirms(mappingOf(sameFrame(post, detailed)!))).toBe(false);
    }
  });

  it('a smooth work laid over its own repost is still looked at and confirmed', () => {
    expect(inPlace(posts[1]![1], plain)).not.toBeNull();
  });

  it('a picture inside a screenshot: the smooth work is confirmed there, the detailed one never is', () => {
    // The work pasted whole inside a page with a margin all round (so every refinement of the box stays inside).
    const shot = (pic: Raster) => {
      const page = canvas(600, 560, [250, 250, 250]);
      paste(page, pic, 60, 100);
      return { post: keypoints(page, QUERY_KEYPOINTS), box: { x: 60 / 600, y: 100 / 560, w: 480 / 600, h: 360 / 560 } };
    };
    const smoothShot = shot(noisy(smooth(7), 6, 3));
    expect(pictureLook(smoothShot.post, plain, [smoothShot.box])).not.toBeNull();
    const paintedShot = shot(noisy(painting(480, 360, 3), 6, 3));
    expect(pictureLook(paintedShot.post, detailed, [paintedShot.box])).toBeNull();
    // Taken anyway, the look at the box reports every cell of the work's detail, past the bar.
    const v = sameFrame(paintedShot.post, detailed, paintedShot.box)!;
    expect(v.appearance.cells).toBe(workDetail(detailed.plane));
    expect(confirms(mappingOf(v))).toBe(false);
  });
});
