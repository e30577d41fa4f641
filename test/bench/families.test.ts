/**
 * Checks for the repost-family generator: each family puts the work where it says (the collage tile, the frame's
 * inside, the chat thumbnail, the turned picture's corners), with the promised amounts (crop area, sticker
 * coverage, tilt), reproducibly per seed. Inputs are procedural demo artworks, so no external images are needed.
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDemoArtworks } from '../../src/cli/demo-art';
import { resample, type Raster, FULL } from '../../src/engine/image';
import { warpQuad, type Quad } from '../../src/engine/geometry';
import { FAMILIES, makeFamilyVariant, type Family, type FamilyVariant } from './families';
import { loadBase, open, toRaw, type RawImage } from './variants';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const DRAWS = 6;

let work: RawImage;
let fillers: RawImage[];
const made = new Map<Family, FamilyVariant[]>();

async function decode(v: FamilyVariant): Promise<Raster> {
  const { data, info } = await sharp(v.data).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: 3 };
}
const asRaster = (img: RawImage): Raster => ({ data: img.data, width: img.width, height: img.height, channels: 3 });

/** Mean absolute difference of two pictures at 32 × 32 (0 = same, ~60+ = unrelated pictures). */
function distance(a: Raster, b: Raster): number {
  const x = resample(a, FULL, 32, 32), y = resample(b, FULL, 32, 32);
  let s = 0;
  for (let i = 0; i < x.data.length; i++) s += Math.abs(x.data[i]! - y.data[i]!);
  return s / x.data.length;
}
const boxOf = (r: Raster, [x, y, w, h]: [number, number, number, number]): Raster => resample(r, { x, y, w, h }, 64, 64);

beforeAll(async () => {
  const arts = await makeDemoArtworks(5, 11);
  work = await loadBase(arts[0]!.data);
  fillers = await Promise.all(arts.slice(1).map((a) => loadBase(a.data)));
  for (const f of FAMILIES) made.set(f, await Promise.all(Array.from({ length: DRAWS }, (_, d) => makeFamilyVariant(work, f, 3, d, fillers))));
}, 120_000);

describe('makeFamilyVariant', () => {
  it('draws different parameters for each draw, and the same for the same seed', async () => {
    for (const f of FAMILIES) {
      const vs = made.get(f)!;
      expect(new Set(vs.map((v) => v.detail)).size, f).toBeGreaterThan(1);
      const again = await makeFamilyVariant(work, f, 3, 1, fillers);
      expect(sha(again.data), f).toBe(sha(vs[1]!.data));
    }
  });

  it('a collage holds the work at the tile it names, and other pictures elsewhere', async () => {
    for (const v of made.get('collage')!) {
      const img = await decode(v);
      const [x, y, w, h] = v.box!;
      // The tile is the work, cover-cropped to the cell: compare with the same crop of the work.
      const cellAspect = (w * img.width) / (h * img.height), workAspect = work.width / work.height;
      const crop = v.detail.includes('cover')
        ? (cellAspect < workAspect ? { x: (1 - cellAspect / workAspect) / 2, y: 0, w: cellAspect / workAspect, h: 1 } : { x: 0, y: (1 - workAspect / cellAspect) / 2, w: 1, h: workAspect / cellAspect })
        : FULL;
      const tile = boxOf(img, v.box!);
      const expected = resample(asRaster(work), crop, 64, 64);
      expect(distance(tile, expected), v.detail).toBeLessThan(14);
      // The next cell along holds something else.
      const other: [number, number, number, number] = x + 2 * w <= 1.01 ? [x + w, y, w, h] : x - w >= -0.01 ? [x - w, y, w, h] : y + 2 * h <= 1.01 ? [x, y + h, w, h] : [x, y - h, w, h];
      expect(distance(boxOf(img, [Math.max(0, other[0]), Math.max(0, other[1]), Math.min(w, 1 - Math.max(0, other[0])), Math.min(h, 1 - Math.max(0, other[1]))]), expected), v.detail).toBeGreaterThan(20);
    }
  });

  it('frames, caption bars and phone screenshots show the work in the box they name', async () => {
    for (const f of ['frame', 'caption-bar', 'phone-chat'] as const) {
      for (const v of made.get(f)!) {
        const img = await decode(v);
        expect(distance(boxOf(img, v.box!), asRaster(work)), `${f} ${v.detail}`).toBeLessThan(12);
        const [, , w, h] = v.box!;
        expect(w * h, `${f} ${v.detail}`).toBeLessThan(f === 'phone-chat' ? 0.75 : 0.97);
      }
    }
  });

  it('a turned picture sits at the corners it names, and the tilt is 3–12°', async () => {
    for (const v of made.get('rotate-fill')!) {
      const img = await decode(v);
      const deg = Math.abs(Number(/(-?[\d.]+)°/.exec(v.detail)![1]));
      expect(deg).toBeGreaterThanOrEqual(3);
      expect(deg).toBeLessThanOrEqual(12);
      const straightened = warpQuad(img, v.quad!, 64, 64);
      // Away from the cut-off corners the straightened picture is the work.
      const inner = { x: 0.2, y: 0.2, w: 0.6, h: 0.6 };
      expect(distance(resample(straightened, inner, 32, 32), resample(asRaster(work), inner, 32, 32)), v.detail).toBeLessThan(14);
    }
  });

  it('a photo of a screen shows the work inside the quadrilateral it names, at an angle', async () => {
    for (const v of made.get('screen-photo')!) {
      const img = await decode(v);
      const q = v.quad!;
      for (const p of q) {
        expect(p.x, v.detail).toBeGreaterThanOrEqual(0);
        expect(p.y, v.detail).toBeLessThanOrEqual(img.height);
      }
      // Not a rectangle: opposite sides differ in length (perspective) or the sides are not axis-aligned.
      const len = (a: number, b: number) => Math.hypot(q[a]!.x - q[b]!.x, q[a]!.y - q[b]!.y);
      const skew = Math.abs(len(0, 1) - len(3, 2)) + Math.abs(len(0, 3) - len(1, 2)) + Math.abs(q[0]!.y - q[1]!.y);
      expect(skew, v.detail).toBeGreaterThan(5);
      // Straightened (bezel and all), the screen resembles the work more than the other pictures do.
      const screen = warpQuad(img, q as Quad, 64, 64);
      const inner = { x: 0.15, y: 0.15, w: 0.7, h: 0.7 };
      if (v.detail.startsWith('fit')) {
        const d = distance(resample(screen, inner, 32, 32), resample(asRaster(work), inner, 32, 32));
        for (const f of fillers) expect(d, v.detail).toBeLessThan(distance(resample(screen, inner, 32, 32), resample(asRaster(f), inner, 32, 32)));
      }
    }
  });

  it('a screen of other proportions shows the work whole on black or cut to fill it, inside the quadrilateral it names', async () => {
    const panels = new Set<string>();
    for (const v of made.get('screen-fill')!) {
      const img = await decode(v);
      const [name, fit] = v.detail.split(' ') as [string, 'cover' | 'contain'];
      panels.add(fit);
      const [a, b] = name.split(':').map(Number) as [number, number];
      // Straightened inside its bezel, the screen is the work placed in the panel that way, more than any other picture.
      const q = v.quad!;
      const screen = warpQuad(img, q as Quad, 96, Math.round(96 * b / a));
      const inner = { x: 0.12, y: 0.12, w: 0.76, h: 0.76 };
      const placed = async (r: RawImage) => asRaster(await toRaw(open(r).resize(96, Math.round(96 * b / a), { fit, background: '#000000' })));
      const d = distance(resample(screen, inner, 32, 32), resample(await placed(work), inner, 32, 32));
      for (const f of fillers) expect(d, v.detail).toBeLessThan(distance(resample(screen, inner, 32, 32), resample(await placed(f), inner, 32, 32)));
    }
    // Both ways occur among the draws.
    expect([...panels].sort()).toEqual(['contain', 'cover']);
  });

  it('deep crops keep 50–85 % of the work at the box they name', async () => {
    for (const v of made.get('crop-deep')!) {
      const [x, y, w, h] = v.box!;
      expect(w * h, v.detail).toBeGreaterThanOrEqual(0.48);
      expect(w * h, v.detail).toBeLessThanOrEqual(0.87);
      const img = await decode(v);
      expect(distance(img, resample(asRaster(work), { x, y, w, h }, 64, 64)), v.detail).toBeLessThan(10);
    }
  });

  it('stickers cover 10–20 % of the picture and change it there', async () => {
    for (const v of made.get('stickers')!) {
      expect(v.covered!, v.detail).toBeGreaterThanOrEqual(0.08);
      expect(v.covered!, v.detail).toBeLessThanOrEqual(0.24);
      const img = await decode(v);
      const d = distance(img, asRaster(work));
      expect(d, v.detail).toBeGreaterThan(2);
      expect(d, v.detail).toBeLessThan(40);
    }
  });

  it('tiled marks lay words over all of the work, which stays the nearest picture to it', async () => {
    for (const v of made.get('tiled-mark')!) {
      const img = await decode(v);
      expect([img.width, img.height], v.detail).toEqual([work.width, work.height]);
      // Changed in every quarter (the words reach every part), but nearer the work than any other picture.
      const d = distance(img, asRaster(work));
      for (const q of [[0, 0], [0.5, 0], [0, 0.5], [0.5, 0.5]] as const) {
        const box: [number, number, number, number] = [q[0], q[1], 0.5, 0.5];
        const local = boxOf(img, box), own = boxOf(asRaster(work), box);
        let changed = 0;
        for (let i = 0; i < local.data.length; i++) if (Math.abs(local.data[i]! - own.data[i]!) > 12) changed++;
        expect(changed / local.data.length, `${v.detail} quarter ${q.join(',')}`).toBeGreaterThan(0.02);
      }
      for (const f of fillers) expect(d, v.detail).toBeLessThan(distance(img, asRaster(f)));
    }
  });
});
