// A smooth work turned in place with its corners filled (zoom.ts tiltLook): too few corners for the keypoints, so
// only the work laid over the turned outline found in the post's own grey plane confirms it — named "rotated", with
// the work's corners where the turn put them. Another smooth work turned the same way is not the work, and a
// post with no turn gets no such look.
import { describe, expect, it } from 'vitest';
import { GALLERY_KEYPOINTS, QUERY_KEYPOINTS, keypoints } from '../../src/engine/keypoints';
import { postMappings, tiltLook } from '../../src/engine/zoom';
import { confirm, confirms } from '../../src/engine/second-stage';
import { decide } from '../../src/engine/verdict';
import type { Raster } from '../../src/engine/image';
import type { Evidence } from '../../src/engine/matcher';
import { smooth, turned } from '../support/pictures';

const work = smooth(7, 640, 400);
const workKp = keypoints(work, GALLERY_KEYPOINTS);
const post = (r: Raster) => keypoints(r, QUERY_KEYPOINTS);

describe('a smooth work turned in place (tiltLook)', () => {
  for (const [deg, fill, name] of [[8, [255, 255, 255], 'white'], [-11, [0, 0, 0], 'black']] as const) {
    it(`is confirmed turned ${deg}° on ${name}, where the turn put its corners, and named rotated`, () => {
      const { img, quad } = turned(work, deg, [...fill]);
      const m = postMappings(post(img), [], [workKp], { full: true, mirror: false })[0] ?? null;
      expect(confirms(m)).toBe(true);
      expect(m!.sameFrame).toBeDefined();
      m!.corners.forEach((p, i) => {
        expect(Math.abs(p.x - quad[i]!.x)).toBeLessThan(0.02);
        expect(Math.abs(p.y - quad[i]!.y)).toBeLessThan(0.02);
      });
      expect(Math.abs(m!.rotation - deg)).toBeLessThan(1);
      const e: Evidence = { hash: null, global: null, regional: { score: 0.9, workId: 'w', queryRegion: 1, workRegion: 0, queryKind: 'tilted' }, style: null };
      expect(confirm(decide(e), e, 'w', m!)).toMatchObject({ kind: 'edit', workId: 'w', transform: 'rotated', signal: 'overlay' });
    });
  }

  it('another smooth work turned the same way is not the work', () => {
    for (const seed of [8, 9, 11]) expect(tiltLook(post(turned(smooth(seed, 640, 400), 8, [255, 255, 255]).img), workKp), `seed ${seed}`).toBeNull();
  });

  it('the work upright gets no turned look (the in-place look is its own)', () => {
    expect(tiltLook(post(work), workKp)).toBeNull();
  });
});
