// A post that repeats a work edge to edge, whose vectors point elsewhere (engine/screen-shortlist.ts frameCandidates,
// matcher.ts inFrame): a dense watermark or heavy noise over a smooth work. The post keeps a coarse grey grid as each
// work does; the work of the post's proportions whose grid fits it closely is laid over the post edge to edge by the
// second stage whatever the vectors said, and the in-place look confirms it. A picture of other proportions is not
// compared; another sky of the same proportions, when its grid comes near, is refused by that look.
import { describe, expect, it } from 'vitest';
import { prepareImage } from '../../src/engine/prepare';
import { FRAME_FIT } from '../../src/engine/matcher';
import { blindMatcher, blindQuery } from '../support/blind-matcher';
import { frameCandidates } from '../../src/engine/screen-shortlist';
import { shortlist } from '../../src/engine/second-stage';
import { decide } from '../../src/engine/verdict';
import { GALLERY_KEYPOINTS, QUERY_KEYPOINTS, keypoints } from '../../src/engine/keypoints';
import { overlaid } from '../../src/engine/zoom';
import { resample, type Raster } from '../../src/engine/image';
import { noisy, painting, smooth, watermarked } from '../support/pictures';

const works = new Map<string, Raster>([
  ...[7, 2, 3, 4, 5].map((s) => [`smooth-${s}`, smooth(s, 480, 300)] as [string, Raster]),
  ...[11, 12].map((s) => [`painting-${s}`, painting(480, 300, s)] as [string, Raster]),
  ['square', smooth(7, 300, 300)],
]);
// Vectors that point nowhere: the case where the watermark or the noise misleads MobileNet.
const matcher = blindMatcher(works);
const query = (r: Raster) => blindQuery(r, { thumb: true });
const work = works.get('smooth-7')!;
const confirmedOver = (post: Raster, id: string) => overlaid(keypoints(post, QUERY_KEYPOINTS), keypoints(works.get(id)!, GALLERY_KEYPOINTS), false) !== null;

describe('the frame shortlist', () => {
  it('keeps a grid of a feed picture in its own proportions', () => {
    const t = prepareImage(watermarked(work, 0.35, 40), 'query').thumb!;
    expect([t.nx, t.ny, t.width, t.height]).toEqual([16, 10, 480, 300]);
  });

  it('names the work a watermarked or noisy post repeats, for the in-place look, though no vector came near it', () => {
    for (const post of [watermarked(work, 0.35, 40), noisy(work, 20, 3)]) {
      const e = matcher.match(query(post));
      expect(e.inFrame?.map((c) => c.workId)).toEqual(['smooth-7']);
      expect(e.inFrame![0]!.score).toBeGreaterThanOrEqual(FRAME_FIT);
      const v = decide(e);
      expect(v.kind === 'copy' || v.kind === 'edit').toBe(false);
      expect(shortlist(e, v)).toContain('smooth-7');
      expect(confirmedOver(post, 'smooth-7')).toBe(true);
    }
  });

  it('compares no work of other proportions, and the look refuses another sky of the same ones', () => {
    // The work cut square: only the square work is of its proportions, and that is another picture.
    const square = resample(work, { x: 0.2, y: 0, w: 0.625, h: 1 }, 300, 300);
    for (const c of matcher.match(query(square)).inFrame ?? []) expect(c.workId).toBe('square');
    expect(frameCandidates(prepareImage(square, 'query').thumb!, [['smooth-7', prepareImage(work, 'gallery').thumb!]], -1)).toEqual([]);
    for (const seed of [31, 32, 33]) {
      const other = noisy(smooth(seed, 480, 300), 10, seed);
      for (const c of matcher.match(query(other)).inFrame ?? []) expect(confirmedOver(other, c.workId)).toBe(false);
    }
  });

  it('names nothing for a plain picture or a painting of the same proportions', () => {
    const plain: Raster = { data: new Uint8Array(480 * 300 * 3).fill(128), width: 480, height: 300, channels: 3 };
    expect(matcher.match(query(plain)).inFrame).toBeUndefined();
    expect(matcher.match(query(painting(480, 300, 21))).inFrame).toBeUndefined();
  });
});
