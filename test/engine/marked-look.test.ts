// A post laid over the work edge to edge with the ink of words tiled over it set aside (marks.ts, verify.ts
// underMarks, zoom.ts pastedLook): a smooth work under a reposting account's dense watermark keeps no corners for
// the keypoints, its letters are too thin for the sticker look's outlines, and the plain in-place look compares
// the strokes more than the work (or stands down on a work with detail). Another picture under the same words, a
// sibling drawn on one template, or a figure on white beside another on white, is not the work.
import { describe, expect, it } from 'vitest';
import { GALLERY_KEYPOINTS, QUERY_KEYPOINTS, keypoints } from '../../src/engine/keypoints';
import { underMarks, underOverlays, verify } from '../../src/engine/verify';
import { inPlace, overlaid, pastedLook } from '../../src/engine/zoom';
import { confirm, confirms, mappingOf } from '../../src/engine/second-stage';
import { marksOver } from '../../src/engine/marks';
import { decide } from '../../src/engine/verdict';
import type { Raster } from '../../src/engine/image';
import type { Evidence } from '../../src/engine/matcher';
import { canvas, painting, smooth, tiledText } from '../support/pictures';

const post = (p: Raster) => keypoints(p, QUERY_KEYPOINTS);
const galleryOf = (p: Raster) => keypoints(p, GALLERY_KEYPOINTS);
type Rgb = [number, number, number];
const WHITE = { alpha: 0.3 };
const BLACK = { alpha: 0.25, ink: [0, 0, 0] as Rgb, angle: 25, size: 18, stroke: 3 };

function figure(inside: (x: number, y: number) => boolean, rgb: Rgb): Raster {
  const pic = canvas(480, 360, [250, 250, 248]);
  for (let y = 0; y < 360; y++) for (let x = 0; x < 480; x++) if (inside(x, y)) pic.data.set(rgb, (y * 480 + x) * 3);
  return pic;
}

describe('a post laid over the work with a tiled mark set aside (underMarks)', () => {
  it('confirms smooth works under white and black words that no other look confirms, and names the words', () => {
    // smooth(11), (13), (17): a sky, a sun and a hill with 13–15 cells of detail, so the plain in-place look, which
    // judges only works with little detail, stands down; the keypoints find none of their soft edges.
    for (const seed of [11, 13, 17]) {
      const work = smooth(seed), kp = galleryOf(work);
      for (const mark of [WHITE, BLACK]) {
        const q = post(tiledText(work, mark));
        const v = verify(q, kp);
        expect(confirms(v && mappingOf(v))).toBe(false);
        expect(inPlace(q, kp)).toBeNull();
        const stickers = underOverlays(q, kp);
        expect(stickers && confirms(mappingOf(stickers))).toBeFalsy();
        const found = pastedLook(q, kp)!;
        expect(found.pasted).toMatchObject({ text: true });
        // The letters and their rims, not the work: a fifth to a third of the post.
        expect(found.pasted!.cover).toBeGreaterThan(0.15);
        expect(found.pasted!.cover).toBeLessThan(0.4);
        // The same from the path a post not worth its full keypoints takes.
        expect(overlaid(q, kp, false)?.pasted?.text).toBe(true);
        const e: Evidence = { hash: null, global: { score: 0.2, workId: 'w1', mirrored: false }, regional: null, style: null };
        expect(confirm(decide(e), e, 'w1', mappingOf(found))).toMatchObject({ kind: 'edit', signal: 'stickers', transform: 'watermark' });
      }
    }
  });

  it('finds nothing tiled over the work itself, nor over a recoloured copy of it', () => {
    const work = smooth(11), kp = galleryOf(work);
    expect(marksOver(post(work).plane, kp.plane)).toBeNull();
    const darker = { ...work, data: work.data.map((v) => v * 0.8) };
    expect(marksOver(post(darker).plane, kp.plane)).toBeNull();
  });

  it('confirms no other picture under the same words', () => {
    for (const seed of [11, 13, 17]) {
      const kp = galleryOf(smooth(seed));
      for (const mark of [WHITE, BLACK]) {
        for (const other of [smooth(seed + 100), smooth(seed + 1), painting(480, 360, seed)]) {
          const v = underMarks(post(tiledText(other, mark)), kp);
          // Not near the bars either (whole 0.93, detail 0.70): what is left of another sky is not this one.
          if (v) expect(Math.min(v.appearance.whole, v.pasted!.detail)).toBeLessThan(0.6);
          expect(pastedLook(post(tiledText(other, mark)), kp)).toBeNull();
        }
      }
    }
  });

  it('does not take another figure on the same white ground for the work: their difference is solid, not strokes', () => {
    // Laid over each other, one figure's pixels are darker than the white around the other: one-sided, like ink.
    const work = figure((x, y) => Math.hypot(x - 240, y - 180) < 90, [200, 60, 40]);
    const others = [
      figure((x, y) => Math.abs(x - 240) < 110 && Math.abs(y - 180) < 100, [30, 30, 120]),
      figure((x, y) => Math.hypot(x - 240, y - 180) < 120, [20, 20, 20]),
    ];
    for (const other of others) {
      expect(marksOver(post(other).plane, galleryOf(work).plane)).toBeNull();
      expect(pastedLook(post(other), galleryOf(work))).toBeNull();
    }
  });

  it('does not take a thin texture laid over another picture for a mark over the work', () => {
    // Hatching all over (thin, one-sided, everywhere: shaped like a mark's ink) over another sky.
    const work = smooth(13), kp = galleryOf(work);
    const other = smooth(113);
    const hatched = { ...other, data: Uint8Array.from(other.data) };
    for (let y = 0; y < 360; y++) for (let x = 0; x < 480; x++) if ((x + y) % 12 < 2) for (let k = 0; k < 3; k++) hatched.data[(y * 480 + x) * 3 + k] = 255;
    expect(pastedLook(post(hatched), kp)).toBeNull();
  });
});
