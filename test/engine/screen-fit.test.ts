// A work shown on a photographed screen in other proportions than the screen's (zoom.ts screenPlaces, screenLook;
// verify.ts onQuad): whole with black bars beside or above it, as a phone or monitor shows a picture, or filling the
// screen with its overflow cut off, as a wallpaper. Laid over the screen's whole outline, such a work is stretched
// and does not line up; laid where it sits, it does. A sliver of a work, or another picture in those places, is not
// confirmed.
import { describe, expect, it } from 'vitest';
import { GALLERY_KEYPOINTS, QUERY_KEYPOINTS, keypoints } from '../../src/engine/keypoints';
import { onQuad } from '../../src/engine/verify';
import { refineOnScreen, screenLook } from '../../src/engine/zoom';
import { apply, homography, scaleAbout } from '../../src/engine/geometry';
import { confirms, mappingOf } from '../../src/engine/second-stage';
import type { Quad } from '../../src/engine/geometry';
import type { Raster } from '../../src/engine/image';
import { onGlaredScreen, painting, smooth } from '../support/pictures';
import { corpusDir } from '../support/data';
import { decodeRaster } from '../../src/cli/decode';
import { cropBox, jpeg, loadBase, open, toRaw } from '../bench/variants';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const W = 640, H = 480;
const fraction = (q: Quad) => q.map((p) => ({ x: p.x / W, y: p.y / H })) as Quad;
/** The screen's picture: 480 × 338, about the proportions of onGlaredScreen's screen. */
const SW = 480, SH = 338;

/** `pic` shown whole, centred on black, in the screen's proportions. */
function letterboxed(pic: Raster): Raster {
  const data = new Uint8Array(SW * SH * 3);
  const k = Math.min(SW / pic.width, SH / pic.height), w = Math.round(pic.width * k), h = Math.round(pic.height * k);
  const x0 = Math.floor((SW - w) / 2), y0 = Math.floor((SH - h) / 2);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (Math.min(pic.height - 1, Math.floor(y / k)) * pic.width + Math.min(pic.width - 1, Math.floor(x / k))) * 3;
      data.set(pic.data.subarray(i, i + 3), ((y0 + y) * SW + x0 + x) * 3);
    }
  }
  return { data, width: SW, height: SH, channels: 3 };
}

/** The middle of `pic` that fills the screen's proportions (what overflows is cut off). */
function filling(pic: Raster): Raster {
  const k = Math.max(SW / pic.width, SH / pic.height);
  const data = new Uint8Array(SW * SH * 3);
  const ox = (pic.width * k - SW) / 2, oy = (pic.height * k - SH) / 2;
  for (let y = 0; y < SH; y++) {
    for (let x = 0; x < SW; x++) {
      const i = (Math.min(pic.height - 1, Math.floor((y + oy) / k)) * pic.width + Math.min(pic.width - 1, Math.floor((x + ox) / k))) * 3;
      data.set(pic.data.subarray(i, i + 3), (y * SW + x) * 3);
    }
  }
  return { data, width: SW, height: SH, channels: 3 };
}

const { screen: SCREEN } = onGlaredScreen(smooth(1, 48, 30));
const shown = (pic: Raster) => keypoints(onGlaredScreen(pic).img, QUERY_KEYPOINTS);
/** The best min(whole, detail) of the work laid over the screen's whole outline: how the look placed it before. */
function stretched(post: ReturnType<typeof shown>, work: ReturnType<typeof keypoints>): number {
  let best = -1;
  for (const k of [1, 0.97, 0.93, 0.89]) {
    const v = onQuad(post, work, scaleAbout(fraction(SCREEN), k));
    if (v) best = Math.max(best, Math.min(v.appearance.whole, v.onScreen!.detail));
  }
  return best;
}
/** The work's corners found, in post pixels, against where it was drawn: a share of the screen's width. */
const height = (q: Quad) => ((q[3].y - q[0].y + q[2].y - q[1].y) / 2) * H;
const width = (q: Quad) => ((q[1].x - q[0].x + q[2].x - q[3].x) / 2) * W;

describe('a work shown on a screen in its own proportions', () => {
  it('confirms a wide smooth work shown whole with bars above and below, where it sits', () => {
    const work = smooth(6, 640, 300);
    const post = shown(letterboxed(work));
    const workKp = keypoints(work, GALLERY_KEYPOINTS);
    expect(stretched(post, workKp)).toBeLessThan(0.88);
    const found = screenLook(post, workKp);
    expect(found?.onScreen).toBeDefined();
    // The work spans the screen's width and less than its height: 338 rows hold 225 of it.
    const screenH = height(fraction(SCREEN)), screenW = width(fraction(SCREEN));
    expect(width(found!.corners)).toBeGreaterThan(0.9 * screenW);
    expect(height(found!.corners)).toBeLessThan(0.8 * screenH);
  });

  it('confirms a tall work cut to fill a wide screen, and marks it larger than the screen', () => {
    const work = smooth(6, 300, 480);
    const post = shown(filling(work));
    const workKp = keypoints(work, GALLERY_KEYPOINTS);
    expect(stretched(post, workKp)).toBeLessThan(0.88);
    const found = screenLook(post, workKp);
    expect(found?.onScreen).toBeDefined();
    expect(height(found!.corners)).toBeGreaterThan(1.5 * height(fraction(SCREEN)));
  });

  it('confirms no other smooth picture or painting shown in those ways', () => {
    const workKp = keypoints(smooth(6, 640, 300), GALLERY_KEYPOINTS);
    const tallKp = keypoints(smooth(6, 300, 480), GALLERY_KEYPOINTS);
    for (const seed of [1, 2, 3, 5, 7]) {
      expect(screenLook(shown(letterboxed(smooth(seed, 640, 300))), workKp)).toBeNull();
      expect(screenLook(shown(filling(smooth(seed + 20, 300, 480))), tallKp)).toBeNull();
    }
    expect(screenLook(shown(letterboxed(painting(640, 300, 3))), keypoints(painting(640, 300, 4), GALLERY_KEYPOINTS))).toBeNull();
  });

  it('does not judge a work by the sliver of it a screen would show', () => {
    // The work of the first case, laid where it sits: confirmed. The same look with only a sliver of the work on
    // the screen (an independently made set's negatives reached whole 0.71, detail 0.90 with 3 % of a work shown
    // there) is not, however well that sliver correlates.
    const work = smooth(6, 640, 300);
    const found = screenLook(shown(letterboxed(work)), keypoints(work, GALLERY_KEYPOINTS))!;
    const m = mappingOf(found);
    expect(confirms(m)).toBe(true);
    const sliver = { ...m, appearance: { ...m.appearance, inside: 0.1, whole: 0.99 }, onScreen: { detail: 0.99, unlit: 0.99, detailed: 32 } };
    expect(confirms(sliver)).toBe(false);
  });

  it('moves a place a little off the work onto it', () => {
    const work = smooth(6, 640, 300);
    const post = shown(letterboxed(work)), workKp = keypoints(work, GALLERY_KEYPOINTS);
    // Where the work was drawn: the screen's full width, its rows 56–281 of 338.
    const h = homography([{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 1, y: 1 }, { x: 0, y: 1 }], fraction(SCREEN))!;
    const top = 56.5 / SH, bottom = 281.5 / SH;
    const truth = [apply(h, { x: 0, y: top }), apply(h, { x: 1, y: top }), apply(h, { x: 1, y: bottom }), apply(h, { x: 0, y: bottom })] as Quad;
    const off = truth.map((p, i) => ({ x: p.x + (i === 1 ? 0.03 : 0), y: p.y + (i < 2 ? 0.03 : 0) })) as Quad;
    const start = onQuad(post, workKp, off)!;
    expect(confirms(mappingOf(start))).toBe(false);
    const s = Math.min(start.appearance.whole, start.onScreen!.detail);
    const moved = refineOnScreen(post, workKp, { quad: off, s });
    expect(moved && confirms(mappingOf(moved))).toBe(true);
    for (let i = 0; i < 4; i++) expect(Math.hypot(moved!.corners[i]!.x - truth[i]!.x, moved!.corners[i]!.y - truth[i]!.y)).toBeLessThan(0.02);
  });

  it('does not place a plain glow over a round highlight', async () => {
    // bench:quality's one false match while this look was made: a desktop wallpaper that is a radial glow and the
    // centre crop of a clip-art icon whose orange disc a screen finder outlines. Cut to fill that outline, the glow
    // agreed with the disc (whole 0.96, detail 0.96) with no cell of detail showing.
    const art = (name: string) => readFileSync(join(corpusDir(), 'art', name));
    const icon = await loadBase(art('art096_openclipart_kservices.png'));
    const crop = await jpeg(await toRaw(open(icon).extract(cropBox(icon.width, icon.height, 0.75, null))));
    const post = keypoints(await decodeRaster(crop.data, 'query'), QUERY_KEYPOINTS);
    const glow = keypoints(await decodeRaster(art('art010_plasma_3840x2160.jpg'), 'query'), GALLERY_KEYPOINTS);
    expect(screenLook(post, glow)).toBeNull();
  });
});
