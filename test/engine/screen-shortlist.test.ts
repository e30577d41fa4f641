// A photographed screen whose work the vectors do not point at (engine/screen-shortlist.ts): each gallery work keeps
// a coarse grey grid, a feed picture with a screen in it keeps its grey overview and the screens the finders saw,
// and the work whose grid fits a screen closely is verified whatever the vectors said (second-stage.ts shortlist),
// where the screen look (zoom.ts screenLook) confirms or refuses it. Other works do not fit that closely, a picture
// that shows no screen keeps no view, and a screen that shows none of the works shortlists nothing.
import { describe, expect, it } from 'vitest';
import { prepareImage } from '../../src/engine/prepare';
import { SCREEN_FIT, SCREEN_FIT_FIRST, SCREEN_WORKS, GalleryMatcher, quantizeSignals, type Evidence } from '../../src/engine/matcher';
import { blindMatcher, blindQuery } from '../support/blind-matcher';
import { screenCandidates, screenFit, workThumb, type WorkThumb } from '../../src/engine/screen-shortlist';
import { shortlist, worthALook } from '../../src/engine/second-stage';
import { GALLERY_KEYPOINTS, QUERY_KEYPOINTS, keypoints } from '../../src/engine/keypoints';
import { screenLook } from '../../src/engine/zoom';
import { decide } from '../../src/engine/verdict';
import type { Raster } from '../../src/engine/image';
import { canvas, onGlaredScreen, painting, paste, smooth } from '../support/pictures';

const thumbOf = (r: Raster): WorkThumb => prepareImage(r, 'gallery').thumb!;
const works: [string, Raster][] = [
  ['smooth-7', smooth(7, 480, 300)],
  ...[2, 3, 4, 5].map((s) => [`smooth-${s}`, smooth(s, 480, 300)] as [string, Raster]),
  ...[11, 12, 13].map((s) => [`painting-${s}`, painting(480, 360, s)] as [string, Raster]),
];
const thumbs = works.map(([id, r]) => [id, thumbOf(r)] as const);
const byId = new Map(works);
const photo = onGlaredScreen(works[0]![1]).img;

describe('the screen view and the works grids', () => {
  it('keeps a view of a feed picture with a screen in it, none of one without, and a grid in each work\'s proportions', () => {
    const view = prepareImage(photo, 'query').screen;
    expect(view?.quads.length).toBeGreaterThan(0);
    expect(view!.data.length).toBe(view!.side * view!.side);
    expect([view!.width, view!.height]).toEqual([photo.width, photo.height]);
    for (const [, r] of works.slice(1)) expect(prepareImage(r, 'query').screen).toBeUndefined();
    const t = thumbs[0]![1];
    expect([t.nx, t.ny]).toEqual([16, 10]);
    expect(thumbs[5]![1]).toMatchObject({ nx: 16, ny: 12 });
    // A grid is of the work's light and dark: the same from a squeezed overview as from the work itself.
    const own = workThumb({ data: Array.from({ length: 480 * 300 }, (_, i) => { const p = i * 3, d = works[0]![1].data; return 0.299 * d[p]! + 0.587 * d[p + 1]! + 0.114 * d[p + 2]!; }), width: 480, height: 300 });
    for (let i = 0; i < t.data.length; i++) expect(Math.abs(t.data[i]! - own.data[i]!)).toBeLessThanOrEqual(6);
  });

  it('fits the work on the screen closely, other skies graded alike about as closely, paintings far less', () => {
    const view = prepareImage(photo, 'query').screen!;
    const fits = Object.fromEntries(thumbs.map(([id, t]) => [id, screenFit(view, t)]));
    expect(fits['smooth-7']).toBeGreaterThanOrEqual(SCREEN_FIT);
    for (const id of ['painting-11', 'painting-12', 'painting-13']) expect(fits[id]).toBeLessThan(0.5);
    const named = screenCandidates(view, thumbs, SCREEN_FIT).map((c) => c.workId);
    expect(named).toContain('smooth-7');
    expect(named.every((id) => id.startsWith('smooth'))).toBe(true);
  });
});

describe('under a broad glare', () => {
  // A work that is mostly one colour — a small figure on a plain ground — photographed on a screen under a strong,
  // broad glare: the glare, not the figure, is most of the screen's light and dark.
  const figure = (seed: number, x: number, y: number) => {
    const r = canvas(480, 300, [110, 60, 150]);
    paste(r, painting(120, 90, seed), x, y);
    return r;
  };
  const work = figure(21, 180, 105);
  const glared = onGlaredScreen(work, { glare: [250, 330, 260, 120] }).img;
  const view = prepareImage(glared, 'query').screen!;

  it('still fits the work, the glare\'s smooth light taken off both', () => {
    expect(screenFit(view, thumbOf(work))).toBeGreaterThanOrEqual(SCREEN_FIT);
    const named = screenCandidates(view, [['figure', thumbOf(work)], ...thumbs], SCREEN_FIT_FIRST);
    expect(named[0]?.workId).toBe('figure');
  });

  it('fits each work as it would alone, whatever else the gallery holds', () => {
    // The shortlist shares the fits of the cells a place shows between works, and keeps what each work leaves past
    // them: a work's score must still be its own beside works of its proportions (the same places) and of others.
    // Portrait and square works overflow the screen when filling it, so their places show part of their grid.
    for (const [w, h] of [[300, 420], [400, 400], [640, 300]] as const) {
      const pair = [1, 2].map((k) => [`${w}x${h}-${k}`, thumbOf(smooth(40 + k + w, w, h))] as const);
      const gallery = [['figure', thumbOf(work)] as const, ...pair, thumbs[5]!];
      const named = screenCandidates(view, gallery, -1);
      expect(named.length).toBe(gallery.length);
      for (const c of named) expect(c.score, c.workId).toBe(screenFit(view, gallery.find(([id]) => id === c.workId)![1]));
    }
  });

  it('does not fit the same ground with a figure elsewhere, nor the other works', () => {
    expect(screenFit(view, thumbOf(figure(21, 20, 20)))).toBeLessThan(SCREEN_FIT_FIRST);
    for (const [id, t] of thumbs.filter(([id]) => id.startsWith('painting'))) expect(screenFit(view, t), id).toBeLessThan(SCREEN_FIT_FIRST);
  });
});

describe('the shortlist', () => {
  // Vectors that point nowhere: the case where moiré and glare mislead MobileNet.
  const matcher = blindMatcher(works);
  const query = (r: Raster) => blindQuery(r, { screen: true });

  it('names the work a screen shows for the second stage, with every screen finder, though no vector came near it', () => {
    const e: Evidence = matcher.match(query(photo));
    expect(e.onScreen?.map((c) => c.workId)).toContain('smooth-7');
    expect(e.onScreen!.length).toBeLessThanOrEqual(SCREEN_WORKS);
    expect(e.screen).toBe(true);
    const v = decide(e);
    expect(v.kind === 'copy' || v.kind === 'edit').toBe(false);
    expect(shortlist(e, v)).toContain('smooth-7');
  });

  it('names at most the best-fitting work for a screen showing another picture, which the look then refuses; none for a picture with no screen', () => {
    const other = onGlaredScreen(smooth(31, 480, 300)).img;
    const e = matcher.match(query(other));
    // Another sky graded like the gallery's skies fits one of them loosely: named for the closer look alone (a
    // shortlist, not a verdict), and only as the best fit, under SCREEN_FIT.
    expect(e.onScreen?.length).toBe(1);
    expect(e.onScreen![0]!.score).toBeGreaterThanOrEqual(SCREEN_FIT_FIRST);
    expect(e.onScreen![0]!.score).toBeLessThan(SCREEN_FIT);
    const post = keypoints(other, QUERY_KEYPOINTS);
    for (const id of shortlist(e, decide(e))) expect(screenLook(post, keypoints(byId.get(id)!, GALLERY_KEYPOINTS))).toBeNull();
    const plain = matcher.match(query(painting(480, 360, 12)));
    expect(plain.onScreen).toBeUndefined();
  });

  it('is left out of the match the badge waits for, and made in the closer look: the same evidence, the same verdict', () => {
    const q = query(photo);
    const fast = matcher.match(q, { screens: false });
    expect(fast.onScreen).toBeUndefined();
    const v = decide(fast);
    expect(v).toEqual(decide(matcher.match(q)));
    // No vector came near a work, so only the screen can give the closer look something to verify.
    expect(shortlist(fast, v)).toEqual([]);
    expect(matcher.screensToFit(q)).toBe(true);
    expect(worthALook(fast, v, matcher.screensToFit(q))).toBe(true);
    const whole = matcher.withScreens(q, fast);
    expect(whole).toEqual(matcher.match(q));
    expect(shortlist(whole, v)).toContain('smooth-7');
    // A picture with no screen in it gets no closer look for want of one.
    const plain = query(painting(480, 360, 12));
    const e = matcher.match(plain, { screens: false });
    expect(matcher.screensToFit(plain)).toBe(false);
    expect(worthALook(e, decide(e), false)).toBe(shortlist(e, decide(e)).length > 0);
  });

  it('leaves out works stored before they had a grid', () => {
    const old = new GalleryMatcher();
    const p = prepareImage(works[0]![1], 'gallery');
    old.add(quantizeSignals({ id: 'smooth-7', hash: p.hashes[0]!, hashQuality: 0, vectors: p.crops.map(() => new Float32Array(256).fill(0.1)), style: new Float32Array(1408) }));
    expect(old.match(query(photo)).onScreen).toBeUndefined();
  });
});
