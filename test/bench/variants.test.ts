/**
 * Checks for the repost-variant generator: every transform appears, outputs
 * decode to plausible sizes, seeds are reproducible, and crops keep the
 * promised area fraction. Input is a procedural demo artwork, so the test
 * needs no external images.
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDemoArtworks } from '../../src/cli/demo-art';
import {
  HARD_TRANSFORMS, MILD_TRANSFORMS, NEGATIVE_TRANSFORMS, cropBox, loadBase, makeNegativeVariants, makeVariants,
  mulberry32, type RawImage, type Variant,
} from './variants';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const FORMAT = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' } as const;
const PHONE = new Set(['screenshot', 'combo-3']);

let input: Buffer;
let base: RawImage;
let variants: Variant[];
const byName = (name: string): Variant => {
  const v = variants.find((x) => x.transform === name);
  if (!v) throw new Error(`missing ${name}`);
  return v;
};
const dims = async (v: Variant): Promise<{ width: number; height: number }> => {
  const m = await sharp(v.data).metadata();
  return { width: m.width ?? 0, height: m.height ?? 0 };
};

beforeAll(async () => {
  const [art] = await makeDemoArtworks(1, 42);
  if (!art) throw new Error('no demo artwork');
  input = art.data;
  base = await loadBase(input);
  variants = await makeVariants(input, 7);
});

describe('makeVariants', () => {
  it('produces every transform exactly once, in the right group', () => {
    expect(variants.map((v) => v.transform)).toEqual([...MILD_TRANSFORMS, ...HARD_TRANSFORMS]);
    for (const v of variants) {
      expect(v.group).toBe((MILD_TRANSFORMS as readonly string[]).includes(v.transform) ? 'mild' : 'hard');
    }
  });

  it('outputs decode, match their mime type and have sensible sizes', async () => {
    for (const v of variants) {
      const m = await sharp(v.data).metadata();
      expect(m.format, v.transform).toBe(FORMAT[v.mime]);
      expect(m.channels, v.transform).toBe(3);
      if (PHONE.has(v.transform)) {
        expect([m.width, m.height], v.transform).toEqual([1080, 2340]);
      } else {
        expect(m.width ?? 0, v.transform).toBeLessThanOrEqual(1080);
        expect(Math.min(m.width ?? 0, m.height ?? 0), v.transform).toBeGreaterThanOrEqual(64);
      }
    }
    expect(byName('screenshot').mime).toBe('image/png');
    expect(byName('webp').mime).toBe('image/webp');
  });

  it('scales, mirrors and squeezes as named', async () => {
    expect(await dims(byName('resize-50'))).toEqual({ width: Math.round(base.width / 2), height: Math.round(base.height / 2) });
    expect(await dims(byName('resize-25'))).toEqual({ width: Math.round(base.width / 4), height: Math.round(base.height / 4) });
    expect(await dims(byName('mirror'))).toEqual({ width: base.width, height: base.height });
    const sq = await dims(byName('squeeze'));
    const ratio = sq.width / sq.height / (base.width / base.height);
    expect(Math.abs(1 - ratio)).toBeGreaterThan(0.1);
    expect(Math.abs(1 - ratio)).toBeLessThan(0.2);
    const cap = await dims(byName('caption-zh'));
    expect(cap.width).toBe(base.width);
    expect(cap.height).toBeGreaterThanOrEqual(base.height);
  });

  it('crops keep the named area fraction (±5 %)', async () => {
    const cases: [string, number][] = [
      ['crop-90-center', 0.9], ['crop-75-center', 0.75], ['crop-75-offcenter', 0.75],
      ['crop-60-center', 0.6], ['crop-60-offcenter', 0.6], ['combo-1', 0.8],
    ];
    for (const [name, f] of cases) {
      const d = await dims(byName(name));
      expect(Math.abs((d.width * d.height) / (base.width * base.height) - f), name).toBeLessThan(0.05);
    }
  });

  it('rotations crop away the corners but keep the aspect ratio', async () => {
    for (const name of ['rotate-5', 'rotate-10']) {
      const d = await dims(byName(name));
      expect(d.width).toBeLessThan(base.width);
      expect(Math.abs(d.width / d.height - base.width / base.height)).toBeLessThan(0.03);
    }
    expect((await dims(byName('rotate-10'))).width).toBeLessThan((await dims(byName('rotate-5'))).width);
  });

  it('is deterministic for a seed and varies across seeds', async () => {
    const again = await makeVariants(input, 7);
    expect(again.map((v) => sha(v.data))).toEqual(variants.map((v) => sha(v.data)));
    const other = await makeVariants(input, 8);
    const changed = other.filter((v, i) => sha(v.data) !== sha(variants[i]?.data ?? Buffer.alloc(0)));
    expect(changed.map((v) => v.transform)).toEqual(expect.arrayContaining(['brightness', 'watermark', 'screenshot']));
  });

  it('downscales large uploads and flattens transparency', async () => {
    const big = await sharp({ create: { width: 3000, height: 2000, channels: 4, background: { r: 200, g: 30, b: 30, alpha: 0.5 } } })
      .png().toBuffer();
    const raw = await loadBase(big);
    expect([raw.width, raw.height]).toEqual([1080, 720]);
    expect(raw.data.length).toBe(1080 * 720 * 3);
  });
});

describe('makeNegativeVariants', () => {
  it('is the named subset, byte-identical to the full run for the same seed', async () => {
    const neg = await makeNegativeVariants(input, 7);
    expect(neg.map((v) => v.transform)).toEqual([...NEGATIVE_TRANSFORMS]);
    for (const v of neg) expect(sha(v.data), v.transform).toBe(sha(byName(v.transform).data));
  });
});

describe('cropBox', () => {
  it('stays in bounds and moves off-centre crops toward a corner', () => {
    const [w, h] = [1000, 700];
    const centre = cropBox(w, h, 0.6, null);
    for (let s = 0; s < 50; s++) {
      const b = cropBox(w, h, 0.6, mulberry32(s));
      expect(b.left).toBeGreaterThanOrEqual(0);
      expect(b.top).toBeGreaterThanOrEqual(0);
      expect(b.left + b.width).toBeLessThanOrEqual(w);
      expect(b.top + b.height).toBeLessThanOrEqual(h);
      // At least 60 % of the free margin away from centre on both axes.
      expect(Math.abs(b.left - centre.left)).toBeGreaterThanOrEqual(0.6 * centre.left - 1);
      expect(Math.abs(b.top - centre.top)).toBeGreaterThanOrEqual(0.6 * centre.top - 1);
    }
  });
});
