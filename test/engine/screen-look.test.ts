// A smooth work on a photographed screen under a glare and moiré bands (layout.ts enclosedQuad, verify.ts onQuad,
// zoom.ts screenLook): the glare lifts the bezel above every dark level bezelQuad tries, yet the screen's edge,
// closed all round, is found; the work laid over that screen is confirmed and named a photo of a screen, where
// neither its keypoints nor the post laid over it edge to edge confirm it. Another smooth picture or a painting
// on the same screen is not confirmed, and an ordinary picture shows no screen. These call the look directly: in a
// scan it looks with every screen finder for a post in whose regions a fast screen finder saw a screen (matcher.ts
// Evidence.screen), and for the device's outline alone otherwise — test/e2e/hard-reposts.test.ts has a post that
// takes the first path in both browsers.
import { describe, expect, it } from 'vitest';
import { GALLERY_KEYPOINTS, QUERY_KEYPOINTS, keypoints } from '../../src/engine/keypoints';
import { verify } from '../../src/engine/verify';
import { inPlace, screenLook, postMappings } from '../../src/engine/zoom';
import { enclosedQuad, screenQuads } from '../../src/engine/layout';
import { bestConfirmed, confirm, confirms, mappingOf } from '../../src/engine/second-stage';
import { decide } from '../../src/engine/verdict';
import type { Evidence } from '../../src/engine/matcher';
import { FULL, resample, type Raster } from '../../src/engine/image';
import type { Quad } from '../../src/engine/geometry';
import { onGlaredScreen, painting, smooth } from '../support/pictures';

const W = 640, H = 480;
const fraction = (q: Quad) => q.map((p) => ({ x: p.x / W, y: p.y / H })) as Quad;
const photographed = (pic: Raster) => onGlaredScreen(pic).img;
const { screen: SCREEN, bezel: BEZEL } = onGlaredScreen(smooth(1, 48, 30));

const overview = (r: Raster) => resample(r, FULL, 224, 224);
/** Each corner within `tolerance` of the picture of the true one. */
const near = (found: Quad, quad: Quad, tolerance: number) => found.every((p, i) => Math.hypot(p.x - quad[i]!.x, p.y - quad[i]!.y) < tolerance);

const work = smooth(7, 480, 300);
const workKp = keypoints(work, GALLERY_KEYPOINTS);
const photo = photographed(work);
const post = keypoints(photo, QUERY_KEYPOINTS);

describe('a screen found by its closed edge (enclosedQuad)', () => {
  it('finds the monitor whose bezel the glare lifts, in the picture as posted', () => {
    const found = enclosedQuad(overview(photo));
    expect(found).not.toBeNull();
    // The outline is the bezel's or the screen's, whichever edge closes first; either holds the work.
    expect(near(found!, fraction(BEZEL), 0.04) || near(found!, fraction(SCREEN), 0.04)).toBe(true);
    // And in the post's grey plane, as the second stage looks for it.
    expect(screenQuads(overview(photo)).some((q) => near(q, fraction(BEZEL), 0.04) || near(q, fraction(SCREEN), 0.04))).toBe(true);
  });

  it('finds no screen in a painting or a smooth picture posted as it is', () => {
    for (const seed of [1, 2, 3]) {
      expect(enclosedQuad(overview(painting(480, 360, seed)))).toBeNull();
      expect(enclosedQuad(overview(smooth(seed)))).toBeNull();
    }
  });
});

describe('the work laid over a photographed screen (screenLook)', () => {
  it('confirms a smooth work on the screen that neither its keypoints nor the post laid over it confirm', () => {
    const v = verify(post, workKp);
    expect(confirms(v && mappingOf(v))).toBe(false);
    expect(inPlace(post, workKp)).toBeNull();
    const found = screenLook(post, workKp);
    expect(found?.onScreen).toBeDefined();
    // Where the work sits: inside the bezel, about the screen.
    expect(near(found!.corners, fraction(SCREEN), 0.05)).toBe(true);
    // The full look and the coarse one both end there, for a post whose regions hold a screen, and for one whose
    // regions hold none: that one is laid over the device's outline alone (enclosedQuad), which this glare leaves.
    for (const full of [true, false]) {
      expect(postMappings(post, [], [workKp], { full, mirror: false, screen: true })[0]?.onScreen).toBeDefined();
      expect(postMappings(post, [], [workKp], { full, mirror: false })[0]?.onScreen).toBeDefined();
    }
  });

  it('names the repost a photo of a screen and says which look confirmed it', () => {
    const found = screenLook(post, workKp)!;
    const e: Evidence = { hash: null, global: { score: 0.3, workId: 'w1', mirrored: false }, regional: null, style: null };
    const v = confirm(decide(e), e, 'w1', mappingOf(found));
    expect(v).toMatchObject({ kind: 'edit', workId: 'w1', signal: 'screen', transform: 'screen-photo' });
    expect(v.score).toBeGreaterThanOrEqual(0.5);
    expect(near(v.corners!.map(([x, y]) => ({ x, y })) as Quad, fraction(SCREEN), 0.05)).toBe(true);
  });

  it('between two works laid over the screen, takes the one that agrees more, whichever was asked first', () => {
    const m = mappingOf(screenLook(post, workKp)!);
    const closer = { ...m, appearance: { ...m.appearance, whole: 0.99 }, onScreen: { detail: 0.99, unlit: 0.99, detailed: 32 } };
    expect(bestConfirmed([{ id: 'a', mapping: m }, { id: 'b', mapping: closer }])?.id).toBe('b');
    expect(bestConfirmed([{ id: 'b', mapping: closer }, { id: 'a', mapping: m }])?.id).toBe('b');
  });

  it('confirms no other smooth picture or painting shown on the same screen', () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 8, 9]) {
      expect(screenLook(keypoints(photographed(smooth(seed, 480, 300)), QUERY_KEYPOINTS), workKp)).toBeNull();
    }
    const busy = painting(480, 300, 12);
    expect(screenLook(keypoints(photographed(painting(480, 300, 13)), QUERY_KEYPOINTS), keypoints(busy, GALLERY_KEYPOINTS))).toBeNull();
    // The painting itself on that screen is found, by whichever look confirms it first.
    const own = postMappings(keypoints(photographed(busy), QUERY_KEYPOINTS), [], [keypoints(busy, GALLERY_KEYPOINTS)], { full: true, mirror: false, screen: true })[0];
    expect(confirms(own ?? null)).toBe(true);
  });

  it('sees past a strong glare on the screen, and still tells other skies apart under it', () => {
    // A glare of 110–120 grey levels low on the screen pulls the whole picture's correlation far under the screen
    // look's bar; the same comparison with each side's smooth light (a quadratic surface) taken off is not fooled.
    for (const [seed, glare] of [[3, [250, 300, 200, 110]], [7, [420, 250, 160, 120]]] as const) {
      const sky = smooth(seed, 480, 300);
      const glared = keypoints(onGlaredScreen(sky, { glare: [...glare] }).img, QUERY_KEYPOINTS);
      const found = screenLook(glared, keypoints(sky, GALLERY_KEYPOINTS));
      expect(found?.onScreen).toBeDefined();
      expect(found!.appearance.whole).toBeLessThan(0.8);
      expect(found!.onScreen!.unlit).toBeGreaterThan(0.9);
      for (const other of [1, 2, 4, 5, 6, 8, 9].filter((o) => o !== seed)) {
        expect(screenLook(glared, keypoints(smooth(other, 480, 300), GALLERY_KEYPOINTS))).toBeNull();
      }
    }
  });
});
