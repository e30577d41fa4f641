// The grey plane keypoints are found on: what a decode worker keeps of a feed picture for the second stage. Taken
// straight from the pixels at the raster's own size, it must be exactly the area resample's grey channel (the
// keypoints found from a kept plane are then the picture's own), transparency flattened on white as elsewhere.
import { describe, expect, it } from 'vitest';
import { FULL, greyAndChroma, resample, type Raster } from '../../src/engine/image';
import { QUERY_KEYPOINTS, keypointPlane, keypoints, keypointsOf, mergeKeypoints } from '../../src/engine/keypoints';
import { painting } from '../support/pictures';

const greyBytes = (r: Raster, w: number, h: number) => greyAndChroma(r, w, h).grey;
const viaResample = (r: Raster, w: number, h: number) => {
  const g = resample(r, FULL, w, h, false, true).data;
  return Uint8Array.from({ length: w * h }, (_, i) => g[i * 3]!);
};

describe('greyAndChroma’s grey', () => {
  const rgb = painting(300, 220, 7);

  it('at the raster’s own size gives the area resample’s grey bytes', () => {
    expect(Buffer.from(greyBytes(rgb, 300, 220)).equals(Buffer.from(viaResample(rgb, 300, 220)))).toBe(true);
  });

  it('at a smaller size (a picture longer than the keypoints’ side) gives the area resample’s grey bytes too', () => {
    const rgba: Raster = { width: 300, height: 220, channels: 4, data: new Uint8ClampedArray(300 * 220 * 4) };
    for (let i = 0; i < 300 * 220; i++) rgba.data.set([rgb.data[i * 3]!, rgb.data[i * 3 + 1]!, rgb.data[i * 3 + 2]!, 255], i * 4);
    for (const [w, h] of [[211, 154], [150, 110], [97, 71]] as const) {
      expect(Buffer.from(greyBytes(rgb, w, h)).equals(Buffer.from(viaResample(rgb, w, h)))).toBe(true);
      expect(Buffer.from(greyBytes(rgba, w, h)).equals(Buffer.from(viaResample(rgba, w, h)))).toBe(true);
    }
  });

  it('a half-transparent picture is read flattened on white, the same both ways', () => {
    const rgba: Raster = { width: 40, height: 30, channels: 4, data: new Uint8ClampedArray(40 * 30 * 4) };
    for (let i = 0; i < 40 * 30; i++) rgba.data.set([(i * 7) % 256, (i * 13) % 256, 90, i % 2 ? 255 : 60], i * 4);
    const direct = greyBytes(rgba, 40, 30);
    expect(Buffer.from(direct).equals(Buffer.from(viaResample(rgba, 40, 30)))).toBe(true);
    // A dark pixel at alpha 60 reads light: most of it is the white behind.
    expect(direct[0]!).toBeGreaterThan(180);
  });
});

describe('keypointsOf a kept plane', () => {
  it('finds the same keypoints as the picture itself', () => {
    const r = painting(480, 360, 3);
    const a = keypoints(r, QUERY_KEYPOINTS);
    const b = keypointsOf(keypointPlane(r, QUERY_KEYPOINTS), QUERY_KEYPOINTS);
    expect(a.count).toBeGreaterThan(100);
    expect(b.count).toBe(a.count);
    expect(Buffer.from(b.desc.buffer).equals(Buffer.from(a.desc.buffer))).toBe(true);
    expect([...b.x]).toEqual([...a.x]);
  });
});

describe('keypoints level by level', () => {
  it('level 0 found after the coarse levels gives exactly the keypoints of all levels at once', () => {
    const plane = keypointPlane(painting(512, 384, 5), QUERY_KEYPOINTS);
    const all = keypointsOf(plane, QUERY_KEYPOINTS);
    const coarse = keypointsOf(plane, QUERY_KEYPOINTS, 1);
    const fine = keypointsOf(plane, QUERY_KEYPOINTS, 0, 1);
    expect(coarse.count).toBeGreaterThan(50);
    expect(fine.count).toBeGreaterThan(coarse.count);
    expect([...coarse.scale].every((s) => s > 1)).toBe(true);
    const merged = mergeKeypoints(fine, coarse);
    expect(merged.count).toBe(all.count);
    for (const k of ['x', 'y', 'scale', 'angle', 'desc'] as const) expect(Buffer.from(merged[k].buffer).equals(Buffer.from(all[k].buffer))).toBe(true);
  });
});
