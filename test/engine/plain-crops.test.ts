// Plain crops (prepare.ts isPlain): one colour with a JPEG's ripple is no evidence of a work, so such crops are
// listed for the embedder to leave out. Pure: made pictures, no model.
import { describe, expect, test } from 'vitest';
import { isPlain, PLAIN_SPAN, prepareImage } from '../../src/engine/prepare';
import type { Raster } from '../../src/engine/image';
import { seededRandom } from '../../src/engine/vectors';

/** A 3-channel picture from a per-pixel colour function. */
function picture(width: number, height: number, colour: (x: number, y: number) => [number, number, number]): Raster {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(colour(x, y), (y * width + x) * 3);
  return { data, width, height, channels: 3 };
}
const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));

describe('isPlain', () => {
  test('one colour with a ripple of ±3 levels is plain; a soft gradient or a small shape on it is not', () => {
    const random = seededRandom(4);
    const ripple = () => (random() - 0.5) * 6;
    expect(isPlain(picture(224, 224, () => [clamp(35 + ripple()), clamp(54 + ripple()), clamp(64 + ripple())]))).toBe(true);
    // A sky graded over 20 levels: plain to the eye at a glance, but a picture.
    expect(isPlain(picture(224, 224, (_x, y) => [clamp(90 + (20 * y) / 224), 140, 200]))).toBe(false);
    // A mark over 4 % of it, beyond the 1 % each way the span leaves out.
    expect(isPlain(picture(224, 224, (x, y) => (x < 45 && y < 45 ? [230, 230, 230] : [35, 54, 64])))).toBe(false);
  });

  test('the bar is the span: PLAIN_SPAN levels pass, one more does not', () => {
    // Bands 4 rows high, alternately `span` levels apart: half the pixels read (every 4th row) are on each side.
    const rows = (span: number) => picture(224, 224, (_x, y) => { const v = 100 + ((y >> 2) % 2 === 0 ? 0 : span); return [v, v, v]; });
    expect(isPlain(rows(0))).toBe(true);
    expect(isPlain(rows(PLAIN_SPAN))).toBe(true);
    expect(isPlain(rows(PLAIN_SPAN + 1))).toBe(false);
  });
});

describe('prepareImage lists plain crops', () => {
  test('a collage tile of one colour is listed, the tiles with pictures are not', () => {
    // 2 × 2 collage with white gutters: a plain slate tile top right, and three pictures.
    const S = 600, T = 290, G = 20;
    const img = picture(S, S, (x, y) => {
      const tx = x < T ? 0 : x >= T + G ? 1 : -1, ty = y < T ? 0 : y >= T + G ? 1 : -1;
      if (tx < 0 || ty < 0) return [255, 255, 255];
      const t = ty * 2 + tx;
      if (t === 1) return [35, 54, 64];
      // The others: a disc on a gradient, each in its own colours and place.
      const lx = x - tx * (T + G), ly = y - ty * (T + G);
      const inDisc = Math.hypot(lx - 90 - 50 * t, ly - 100 - 20 * t) < 60;
      const g = (lx + ly) / 3;
      return inDisc ? [220, 60 + 40 * t, 40] : [clamp(40 + g), clamp(120 + t * 30), clamp(200 - g)];
    });
    const p = prepareImage(img, 'query');
    const tiles = p.regions.map((r, i) => ({ r, i })).filter(({ r }) => r.kind === 'tile');
    expect(tiles.length).toBeGreaterThanOrEqual(4);
    // Listed: every tile inside the slate quadrant, and only those.
    const inSlate = ({ r }: (typeof tiles)[number]) => r.box.x >= 0.45 && r.box.y + r.box.h <= 0.55;
    expect(tiles.some(inSlate)).toBe(true);
    for (const t of tiles) expect(p.plain.includes(t.i)).toBe(inSlate(t));
    expect(p.plain).not.toContain(0);
  });

  test('a plain post is plain as a whole; a plain gallery work never is (it is the work)', () => {
    const slate = picture(400, 300, () => [35, 54, 64]);
    expect(prepareImage(slate, 'query').plain).toContain(0);
    expect(prepareImage(slate, 'gallery').plain).not.toContain(0);
  });
});
