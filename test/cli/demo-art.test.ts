/**
 * Checks that procedural demo artworks are valid PNGs, reproducible per seed,
 * and genuinely different from each other (distinct bytes, distinct perceptual
 * hashes) — near-duplicates would make the benchmark's distractors meaningless.
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDemoArtworks } from '../../src/cli/demo-art';

const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** 64-bit difference hash: the cheap perceptual hash a dedupe filter would use. */
async function dhash(b: Buffer): Promise<bigint> {
  const px = await sharp(b).greyscale().resize(9, 8, { fit: 'fill' }).raw().toBuffer();
  let h = 0n;
  for (let y = 0; y < 8; y++) {
    for (let x = 0; x < 8; x++) h = (h << 1n) | ((px[y * 9 + x] ?? 0) > (px[y * 9 + x + 1] ?? 0) ? 1n : 0n);
  }
  return h;
}
const popcount = (v: bigint): number => [...v.toString(2)].filter((c) => c === '1').length;

let arts: { name: string; data: Buffer }[];
beforeAll(async () => {
  arts = await makeDemoArtworks(12, 1);
});

describe('makeDemoArtworks', () => {
  it('returns `count` decodable PNGs of varied, reasonable sizes', async () => {
    expect(arts).toHaveLength(12);
    expect(new Set(arts.map((a) => a.name)).size).toBe(12);
    const sizes = new Set<string>();
    for (const a of arts) {
      const m = await sharp(a.data).metadata();
      expect(m.format).toBe('png');
      expect(m.width ?? 0).toBeGreaterThanOrEqual(600);
      expect(m.height ?? 0).toBeGreaterThanOrEqual(600);
      expect(Math.max(m.width ?? 0, m.height ?? 0)).toBeLessThanOrEqual(960);
      sizes.add(`${m.width}x${m.height}`);
    }
    expect(sizes.size).toBeGreaterThan(1);
  });

  it('images are distinct in bytes, mean colour and perceptual hash', async () => {
    expect(new Set(arts.map((a) => sha(a.data))).size).toBe(arts.length);
    const means = await Promise.all(arts.map(async (a) => (await sharp(a.data).stats()).channels.slice(0, 3).map((c) => c.mean)));
    const hashes = await Promise.all(arts.map((a) => dhash(a.data)));
    for (let i = 0; i < arts.length; i++) {
      for (let j = i + 1; j < arts.length; j++) {
        const [mi, mj] = [means[i] ?? [], means[j] ?? []];
        const colourDist = Math.hypot(...mi.map((v, k) => v - (mj[k] ?? 0)));
        expect(colourDist, `${arts[i]?.name} vs ${arts[j]?.name}`).toBeGreaterThan(3);
        // Unrelated images sit near 32/64 bits; near-duplicates below ~10.
        expect(popcount((hashes[i] ?? 0n) ^ (hashes[j] ?? 0n)), `${arts[i]?.name} vs ${arts[j]?.name}`).toBeGreaterThanOrEqual(12);
      }
    }
  });

  it('is deterministic for a seed and differs across seeds', async () => {
    const again = await makeDemoArtworks(3, 1);
    expect(again.map((a) => sha(a.data))).toEqual(arts.slice(0, 3).map((a) => sha(a.data)));
    const other = await makeDemoArtworks(3, 2);
    for (const [i, a] of other.entries()) expect(sha(a.data)).not.toBe(sha(arts[i]?.data ?? Buffer.alloc(0)));
  });

  it('handles count 0', async () => {
    expect(await makeDemoArtworks(0, 5)).toEqual([]);
  });
});
