// The second stage's zooms: a work letterboxed on a photographed phone, ~110 × 60 px at the analysis scale, is
// re-read from the posted picture's pixels and confirmed there, with its corners carried back into the post.
import { describe, expect, it } from 'vitest';
import { GALLERY_KEYPOINTS, QUERY_KEYPOINTS, keypoints } from '../../src/engine/keypoints';
import { verify } from '../../src/engine/verify';
import { confirms } from '../../src/engine/second-stage';
import { verifyPost, zoomBoxes, zoomSize, ZOOM_SIDE } from '../../src/engine/zoom';
import { FULL, resample, type Box, type Raster } from '../../src/engine/image';
import type { Region } from '../../src/engine/regions';
import { canvas, painting, paste } from '../support/pictures';

const work = painting(480, 270, 7);
const workKp = keypoints(work, GALLERY_KEYPOINTS);

/** A 1080 × 1440 photo of an upright phone (dark bezel, black bars) showing the landscape work across its width. */
function phonePhoto(): { full: Raster; truth: Box } {
  const full = canvas(1080, 1440, [70, 64, 58]);
  paste(full, canvas(400, 860, [18, 18, 20]), 340, 290);
  paste(full, canvas(370, 800, [2, 2, 2]), 355, 320);
  const shown = resample(work, FULL, 370, 208);
  paste(full, shown, 355, 616);
  return { full, truth: { x: 355 / 1080, y: 616 / 1440, w: 370 / 1080, h: 208 / 1440 } };
}

const screen = (b: Box): Region => ({
  box: FULL, mirror: false, kind: 'screen',
  quad: [{ x: b.x, y: b.y }, { x: b.x + b.w, y: b.y }, { x: b.x + b.w, y: b.y + b.h }, { x: b.x, y: b.y + b.h }],
});
const whole: Region = { box: FULL, mirror: false, kind: 'whole' };

describe('zoomBoxes', () => {
  const analysis = { width: 360, height: 480 };

  it('zooms a small screen when the posted picture has more pixels than the analysis raster', () => {
    const b = { x: 0.3, y: 0.4, w: 0.35, h: 0.15 };
    const boxes = zoomBoxes([whole, screen(b)], analysis, { width: 1080, height: 1440 });
    expect(boxes).toHaveLength(1);
    // The zoom holds the whole screen, with a little margin.
    expect(boxes[0]!.x).toBeLessThan(b.x);
    expect(boxes[0]!.x + boxes[0]!.w).toBeGreaterThan(b.x + b.w);
    expect(boxes[0]!.y).toBeLessThan(b.y);
    expect(boxes[0]!.y + boxes[0]!.h).toBeGreaterThan(b.y + b.h);
    const size = zoomSize(boxes[0]!, { width: 1080, height: 1440 });
    expect(Math.max(size.width, size.height)).toBeLessThanOrEqual(ZOOM_SIDE);
    expect(size.width).toBeGreaterThan(2 * b.w * analysis.width);
  });

  it('does not zoom when the posted picture is no larger, nor a region that fills most of the post', () => {
    expect(zoomBoxes([whole, screen({ x: 0.3, y: 0.4, w: 0.35, h: 0.15 })], analysis, analysis)).toEqual([]);
    expect(zoomBoxes([whole, screen({ x: 0.05, y: 0.05, w: 0.9, h: 0.9 })], analysis, { width: 1080, height: 1440 })).toEqual([]);
    expect(zoomBoxes([whole, { box: { x: 0.3, y: 0.3, w: 0.2, h: 0.2 }, mirror: false, kind: 'tile' }], analysis, { width: 1080, height: 1440 })).toEqual([]);
  });
});

describe('verifyPost', () => {
  const { full, truth } = phonePhoto();
  const small = resample(full, FULL, 360, 480);
  const post = keypoints(small, QUERY_KEYPOINTS);
  // screenQuad finds the lit band between the bars (layout.test.ts); the zoom is read around it.
  const [box] = zoomBoxes([whole, screen(truth)], small, full);
  const zoom = { box: box!, keypoints: keypoints(resample(full, box!, zoomSize(box!, full).width, zoomSize(box!, full).height), QUERY_KEYPOINTS) };

  it('confirms a letterboxed work from the zoom with more inliers than the analysis raster gives', () => {
    const alone = verify(post, workKp);
    const v = verifyPost(post, [zoom], workKp);
    expect(confirms(v)).toBe(true);
    expect(v!.inliers).toBeGreaterThan(alone?.inliers ?? 0);
  });

  it('puts the work where it is in the post, not in the zoom', () => {
    const v = verifyPost(post, [zoom], workKp)!;
    const corners = [[truth.x, truth.y], [truth.x + truth.w, truth.y], [truth.x + truth.w, truth.y + truth.h], [truth.x, truth.y + truth.h]];
    v.corners.forEach((c, i) => {
      expect(Math.abs(c.x - corners[i]![0]!)).toBeLessThan(0.01);
      expect(Math.abs(c.y - corners[i]![1]!)).toBeLessThan(0.01);
    });
    expect(Math.abs(v.rotation)).toBeLessThan(1);
  });

  it('confirms nothing from the zoom of a screen showing another picture', () => {
    const other = phonePhoto().full;
    paste(other, painting(370, 208, 99), 355, 616);
    const k = keypoints(resample(other, box!, zoom.keypoints.width, zoom.keypoints.height), QUERY_KEYPOINTS);
    expect(confirms(verifyPost(keypoints(resample(other, FULL, 360, 480), QUERY_KEYPOINTS), [{ box: box!, keypoints: k }], workKp))).toBe(false);
  });
});
