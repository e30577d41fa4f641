// A smooth work shown whole inside an app screenshot (zoom.ts pictureLook): too few corners for the keypoints, and
// not the post's own frame, so only the work laid edge to edge over the picture the regions found in the page
// confirms it — and names it a picture inside a larger one. Another smooth work in the same screenshot is not
// confirmed, and without the found pictures the same post is not either.
import { describe, expect, it } from 'vitest';
import { GALLERY_KEYPOINTS, QUERY_KEYPOINTS, keypoints } from '../../src/engine/keypoints';
import { pictureBoxes, postMappings } from '../../src/engine/zoom';
import { confirm, confirms } from '../../src/engine/second-stage';
import { queryRegions } from '../../src/engine/regions';
import { decide } from '../../src/engine/verdict';
import { FULL, resample, type Raster } from '../../src/engine/image';
import type { Evidence } from '../../src/engine/matcher';
import { canvas, painting, paste, smooth } from '../support/pictures';

/** A 360 × 780 feed screenshot: status bar, a header, an avatar and caption, `pic` 340 px wide, buttons and text under it. */
function feedScreenshot(pic: Raster): { shot: Raster; box: { x: number; y: number; w: number; h: number } } {
  const W = 360, H = 780;
  const shot = canvas(W, H, [255, 255, 255]);
  const bar = (x: number, y: number, w: number, h: number, grey: number) => paste(shot, canvas(w, h, [grey, grey, grey]), x, y);
  bar(10, 6, 40, 10, 20);
  bar(10, 30, 90, 16, 20);
  bar(0, 56, W, 1, 225);
  bar(10, 66, 28, 28, 70);
  bar(46, 70, 80, 10, 30);
  bar(10, 104, 200, 9, 40);
  const w = 340, h = Math.round((w * pic.height) / pic.width), top = 124;
  paste(shot, resample(pic, FULL, w, h), 10, top);
  for (let i = 0; i < 3; i++) bar(10 + 30 * i, top + h + 10, 18, 18, 90);
  bar(10, top + h + 40, 70, 10, 20);
  bar(10, top + h + 58, 170, 9, 40);
  bar(0, H - 40, W, 1, 225);
  return { shot, box: { x: 10 / W, y: top / H, w: w / W, h: h / H } };
}

const work = smooth(7, 640, 360);
const workKp = keypoints(work, GALLERY_KEYPOINTS);
const look = (shot: Raster, withPictures: boolean) =>
  postMappings(keypoints(shot, QUERY_KEYPOINTS), [], [workKp], { full: true, mirror: false, ...(withPictures ? { pictures: pictureBoxes(queryRegions(shot)) } : {}) })[0] ?? null;

describe('a smooth work shown whole in an app screenshot (pictureLook)', () => {
  const { shot, box } = feedScreenshot(work);

  it('is confirmed by the work laid over the picture found in the page, where the picture is', () => {
    const m = look(shot, true);
    expect(confirms(m)).toBe(true);
    expect(m!.sameFrame).toBeDefined();
    const [a, , c] = m!.corners;
    expect(Math.abs(a.x - box.x)).toBeLessThan(0.02);
    expect(Math.abs(a.y - box.y)).toBeLessThan(0.01);
    expect(Math.abs(c.x - (box.x + box.w))).toBeLessThan(0.02);
    expect(Math.abs(c.y - (box.y + box.h))).toBeLessThan(0.01);
    // The verdict names a picture inside a larger one, as an edit of the work, and says the overlay confirmed it.
    const e: Evidence = { hash: null, global: null, regional: { score: 0.9, workId: 'w', queryRegion: 2, workRegion: 0, queryKind: 'screenshot' }, style: null };
    const v = confirm(decide(e), e, 'w', m!);
    expect(v).toMatchObject({ kind: 'edit', workId: 'w', transform: 'framed', signal: 'overlay' });
  });

  it('is not confirmed without the pictures found in the page (the keypoints and the whole-post looks cannot)', () => {
    expect(confirms(look(shot, false))).toBe(false);
  });

  it('another smooth work in the same screenshot is not the work', () => {
    for (const seed of [8, 9, 11]) expect(confirms(look(feedScreenshot(smooth(seed, 640, 360)).shot, true)), `seed ${seed}`).toBe(false);
  });

  it('the work cut to another shape from its middle is laid over the picture as cut, and only that part is claimed', () => {
    const cut = resample(work, { x: 0.2, y: 0, w: 0.6, h: 1 }, 384, 360);
    const { shot, box } = feedScreenshot(cut);
    const m = look(shot, true);
    expect(confirms(m)).toBe(true);
    // Compared over the picture alone, the work overflowing it to both sides.
    const within = m!.sameFrame!.within!;
    expect(Math.abs(within.x - box.x)).toBeLessThan(0.02);
    expect(Math.abs(within.y + within.h - (box.y + box.h))).toBeLessThan(0.02);
    expect(m!.corners[0].x).toBeLessThan(box.x - 0.05);
    expect(m!.corners[1].x).toBeGreaterThan(box.x + box.w + 0.05);
    const e: Evidence = { hash: null, global: null, regional: { score: 0.9, workId: 'w', queryRegion: 2, workRegion: 0, queryKind: 'screenshot' }, style: null };
    const v = confirm(decide(e), e, 'w', m!);
    // The report aligns the picture with the middle 60 % of the work.
    expect(v.align!.work[0]).toBeCloseTo(0.2, 1);
    expect(v.align!.work[2]).toBeCloseTo(0.6, 1);
    expect(v.align!.query[0]).toBeCloseTo(box.x, 1);
  });

  it('the work cut off-centre is not laid over the picture (that is the keypoints\' call)', () => {
    const cut = resample(work, { x: 0, y: 0, w: 0.6, h: 1 }, 384, 360);
    const m = look(feedScreenshot(cut).shot, true);
    expect(m?.sameFrame && confirms(m)).toBeFalsy();
  });
});

/**
 * A 3 × 3 collage, 904 px square with 8 px white gutters: painted tiles, and in the middle one `pic` cut to a
 * square from its middle, as a collage app does. Returns the collage and the middle tile's box.
 */
function collage(pic: Raster): { post: Raster; box: { x: number; y: number; w: number; h: number } } {
  const side = 904, cell = 292, gap = 8;
  const post = canvas(side, side, [255, 255, 255]);
  const a = pic.width / pic.height;
  const mid = a > 1 ? { x: (1 - 1 / a) / 2, y: 0, w: 1 / a, h: 1 } : { x: 0, y: (1 - a) / 2, w: 1, h: a };
  for (let k = 0; k < 9; k++) {
    const tile = k === 4 ? resample(pic, mid, cell, cell) : painting(cell, cell, 40 + k);
    paste(post, tile, (k % 3) * (cell + gap), Math.floor(k / 3) * (cell + gap));
  }
  return { post, box: { x: (cell + gap) / side, y: (cell + gap) / side, w: cell / side, h: cell / side } };
}

describe('a smooth work cut to a square tile of a collage (pictureLook over tiles)', () => {
  const { post, box } = collage(work);

  it('the collage\'s tiles are found and the work laid over its tile confirms it, named a collage', () => {
    expect(queryRegions(post).filter((r) => r.kind === 'tile')).toHaveLength(9);
    const m = look(post, true);
    expect(confirms(m)).toBe(true);
    expect(m!.sameFrame!.within).toBeDefined();
    const e: Evidence = { hash: null, global: null, regional: { score: 0.9, workId: 'w', queryRegion: 5, workRegion: 0, queryKind: 'tile' }, style: null };
    const v = confirm(decide(e), e, 'w', m!);
    expect(v).toMatchObject({ kind: 'edit', workId: 'w', transform: 'collage', signal: 'overlay' });
    // The tile in the post, the work's middle square in the work (a 16:9 work: 56 % of its width).
    const [qx, qy, qw, qh] = v.align!.query;
    expect(Math.abs(qx - box.x) + Math.abs(qy - box.y) + Math.abs(qw - box.w) + Math.abs(qh - box.h)).toBeLessThan(0.04);
    expect(v.align!.work[0]).toBeCloseTo(0.22, 1);
    expect(v.align!.work[2]).toBeCloseTo(0.56, 1);
  });

  it('is not confirmed without the tiles', () => {
    expect(confirms(look(post, false))).toBe(false);
  });

  it('another smooth work in the same tile is not the work', () => {
    for (const seed of [8, 9, 11]) expect(confirms(look(collage(smooth(seed, 640, 360)).post, true)), `seed ${seed}`).toBe(false);
  });
});

describe('a long work cut to a square tile from its middle third (pictureLook over tiles)', () => {
  // A 3:1 panorama in a square tile shows its middle third only: a collage app and a 九宫格 thumbnail cut it so.
  const wide = smooth(7, 960, 320);
  const wideKp = keypoints(wide, GALLERY_KEYPOINTS);
  const lookWide = (post: Raster) =>
    postMappings(keypoints(post, QUERY_KEYPOINTS), [], [wideKp], { full: true, mirror: false, pictures: pictureBoxes(queryRegions(post)) })[0] ?? null;

  it('is confirmed over its tile, and the report aligns the tile with the middle third', () => {
    const { post, box } = collage(wide);
    const m = lookWide(post);
    expect(confirms(m)).toBe(true);
    const e: Evidence = { hash: null, global: null, regional: { score: 0.9, workId: 'w', queryRegion: 5, workRegion: 0, queryKind: 'tile' }, style: null };
    const v = confirm(decide(e), e, 'w', m!);
    expect(v).toMatchObject({ kind: 'edit', workId: 'w', transform: 'collage', signal: 'overlay' });
    const [qx, qy, qw, qh] = v.align!.query;
    expect(Math.abs(qx - box.x) + Math.abs(qy - box.y) + Math.abs(qw - box.w) + Math.abs(qh - box.h)).toBeLessThan(0.04);
    expect(v.align!.work[0]).toBeCloseTo(1 / 3, 1);
    expect(v.align!.work[2]).toBeCloseTo(1 / 3, 1);
  });

  it('another long smooth work cut the same way is not the work', () => {
    for (const seed of [8, 9, 11]) expect(confirms(lookWide(collage(smooth(seed, 960, 320)).post)), `seed ${seed}`).toBe(false);
  });
});
