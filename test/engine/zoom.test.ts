// The second stage's zooms: a work letterboxed on a photographed phone, ~110 × 60 px at the analysis scale, is
// re-read from the posted picture's pixels and confirmed there, with its corners carried back into the post.
import { describe, expect, it } from 'vitest';
import { GALLERY_KEYPOINTS, QUERY_KEYPOINTS, keypoints } from '../../src/engine/keypoints';
import { verify } from '../../src/engine/verify';
import { confirms, matchedTile } from '../../src/engine/second-stage';
import { prepareImage, queryRegionsOf } from '../../src/engine/prepare';
import type { Evidence } from '../../src/engine/matcher';
import { tileZoom, verifyPost, withTile, zoomBoxes, zoomSize, ZOOM_SIDE } from '../../src/engine/zoom';
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

describe('the matched collage tile', () => {
  // A 1,440-px 3 × 3 collage with 15-px gutters, the work in the last tile, other paintings in the rest: at the
  // 360-px analysis scale a tile is ~115 px wide.
  const gutter = 15, side = 1440, cell = (side - 4 * gutter) / 3;
  const full = canvas(side, side, [250, 250, 250]);
  for (let i = 0; i < 9; i++) {
    const pic = i === 8 ? work : painting(480, 270, 100 + i);
    paste(full, resample(pic, FULL, cell, cell), gutter + (i % 3) * (cell + gutter), gutter + Math.floor(i / 3) * (cell + gutter));
  }
  const small = resample(full, FULL, 360, 360);
  const tiles: Region[] = Array.from({ length: 9 }, (_, i) => ({
    box: { x: (gutter + (i % 3) * (cell + gutter)) / side, y: (gutter + Math.floor(i / 3) * (cell + gutter)) / side, w: cell / side, h: cell / side },
    mirror: false, kind: 'tile',
  }));
  const regions = [whole, ...tiles];

  it('is read closer when the posted picture has the pixels, and no other region is', () => {
    const box = tileZoom(regions, 9, small, full);
    expect(box).not.toBeNull();
    expect(box!.x).toBeLessThan(tiles[8]!.box.x);
    expect(box!.x + box!.w).toBeGreaterThan(tiles[8]!.box.x + tiles[8]!.box.w);
    expect(tileZoom(regions, 0, small, full)).toBeNull();
    expect(tileZoom(regions, undefined, small, full)).toBeNull();
    expect(tileZoom(regions, 9, small, small)).toBeNull();
    // Added once to the zooms a picture has, first, and never past MAX_ZOOMS (the model frame's reply check).
    expect(withTile([box!], box)).toEqual([box]);
    expect(withTile([], box)).toEqual([box]);
    const others = [{ x: 0, y: 0, w: 0.2, h: 0.2 }, { x: 0.7, y: 0.7, w: 0.2, h: 0.2 }];
    expect(withTile(others, box)).toEqual([box, others[0]]);
    expect(withTile(others, null)).toEqual(others);
  });

  it('names the same tile by its index in the regions found again from the picture as in its signals', () => {
    // The second stage names the matched tile by its region index; a picture decoded again finds its regions anew.
    const prepared = prepareImage(small, 'query');
    const again = queryRegionsOf(small);
    expect(prepared.regions.slice(0, again.length)).toEqual(again);
    const index = again.findIndex((r) => r.kind === 'tile');
    expect(index).toBeGreaterThan(0);
    const e: Evidence = { hash: null, global: null, style: null, regional: { score: 0.9, workId: 'w', queryRegion: index, workRegion: 0, queryKind: 'tile' } };
    expect(matchedTile(e)).toBe(index);
    expect(tileZoom(again, matchedTile(e), small, full)).not.toBeNull();
    // Not a tile, or under stickers with no plainer tile pairing: nothing to read closer.
    expect(matchedTile({ ...e, regional: { ...e.regional!, queryKind: 'framed' } })).toBeUndefined();
    expect(matchedTile({ ...e, regional: { ...e.regional!, queryKind: 'stickers' }, unpainted: null })).toBeUndefined();
    expect(matchedTile({ ...e, regional: { ...e.regional!, queryKind: 'stickers', queryRegion: 20 }, unpainted: e.regional })).toBe(index);
  });

  it('confirms the work in its tile where the post\'s own keypoints cannot, with its corners in the post', () => {
    const post = keypoints(small, QUERY_KEYPOINTS);
    expect(confirms(verify(post, workKp))).toBe(false);
    const box = tileZoom(regions, 9, small, full)!;
    const size = zoomSize(box, full);
    const zoom = { box, keypoints: keypoints(resample(full, box, size.width, size.height), QUERY_KEYPOINTS) };
    const v = verifyPost(post, [zoom], workKp)!;
    expect(confirms(v)).toBe(true);
    const t = tiles[8]!.box;
    expect(Math.abs(v.corners[0].x - t.x)).toBeLessThan(0.01);
    expect(Math.abs(v.corners[2].y - (t.y + t.h))).toBeLessThan(0.01);
    // The other tiles, read as closely, are not the work.
    for (const i of [1, 5]) {
      const b = tileZoom(regions, i, small, full)!;
      const s = zoomSize(b, full);
      expect(confirms(verifyPost(post, [{ box: b, keypoints: keypoints(resample(full, b, s.width, s.height), QUERY_KEYPOINTS) }], workKp))).toBe(false);
    }
  });
});
