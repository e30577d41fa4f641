// A photographed screen's moiré bands (moire.ts): the wave is found from the post's own pixels over the screen,
// and set aside on both sides when a work is laid over the screen (appearance.ts appearanceOnScreen), so a dark,
// faint work under strong bands is confirmed where the bands left its correlation under the screen look's bar —
// and another faint picture under the same bands still is not.
import { describe, expect, it } from 'vitest';
import { GALLERY_KEYPOINTS, QUERY_KEYPOINTS, keypoints, type Plane8 } from '../../src/engine/keypoints';
import { screenWave, withoutWave } from '../../src/engine/moire';
import { onQuad } from '../../src/engine/verify';
import { screenLook } from '../../src/engine/zoom';
import { confirms, mappingOf } from '../../src/engine/second-stage';
import type { Quad } from '../../src/engine/geometry';
import type { Raster } from '../../src/engine/image';
import { onGlaredScreen, painting, smooth } from '../support/pictures';

const W = 640, H = 480;
const fraction = (q: Quad) => q.map((p) => ({ x: p.x / W, y: p.y / H })) as Quad;
/** The bands onGlaredScreen draws: sin((0.8 x + 0.6 y) / 6), x and y in its 640 × 480 pixels. */
const BANDS = { kx: 0.8 / 6, ky: 0.6 / 6 };

const grey = (r: Raster): Plane8 => {
  const data = new Uint8Array(r.width * r.height);
  for (let i = 0; i < data.length; i++) data[i] = Math.round((r.data[i * 3]! + r.data[i * 3 + 1]! + r.data[i * 3 + 2]!) / 3);
  return { data, width: r.width, height: r.height };
};

/** A dim, faint version of a picture: a dark desktop wallpaper's few grey levels of shading. */
const faint = (r: Raster, gain = 0.22, lift = 18): Raster => ({ ...r, data: r.data.map((v) => Math.round(lift + gain * v)) });

describe("a screen's moiré wave (screenWave)", () => {
  it('finds the bands over the screen, their direction and period, from the post alone', () => {
    for (const [seed, moire] of [[7, 8], [3, 5], [11, 12]] as const) {
      const { img, screen } = onGlaredScreen(faint(smooth(seed, 480, 300)), { moire });
      const wave = screenWave(grey(img), fraction(screen));
      expect(wave).not.toBeNull();
      const k = Math.hypot(wave!.kx, wave!.ky), want = Math.hypot(BANDS.kx, BANDS.ky);
      // Same period within 5 %, same direction within ~4° (a wave and its opposite are the same bands).
      expect(Math.abs(k / want - 1)).toBeLessThan(0.05);
      expect(Math.abs(wave!.kx * BANDS.kx + wave!.ky * BANDS.ky) / (k * want)).toBeGreaterThan(0.997);
    }
  });

  it('finds no bands on a screen without them', () => {
    for (const seed of [3, 7]) {
      const { img, screen } = onGlaredScreen(smooth(seed, 480, 300), { moire: 0 });
      expect(screenWave(grey(img), fraction(screen))).toBeNull();
    }
  });

  it('takes a wave off a row of samples and leaves the rest', () => {
    const n = 400, phase = Float64Array.from({ length: n }, (_, i) => i * 0.37);
    const rest = Float32Array.from({ length: n }, (_, i) => 40 + 30 * Math.exp(-(((i - 200) / 60) ** 2)));
    const banded = rest.map((v, i) => v + 9 * Math.sin(phase[i]! + 1));
    const idx = Array.from({ length: n }, (_, i) => i);
    const off = withoutWave(banded, idx, phase);
    for (let i = 0; i < n; i++) expect(Math.abs(off[i]! - rest[i]!)).toBeLessThan(1.5);
  });
});

describe('a faint work on a banded screen (screenLook)', () => {
  // Bands of 4 grey levels either way over a work whose shading spans ~25: stronger bands also hide the screen's
  // edge from the finders on this synthetic screen.
  const banded = (pic: Raster) => onGlaredScreen(pic, { moire: 4 });

  it('is confirmed with the bands set aside, and not without', () => {
    for (const seed of [7, 3]) {
      const workKp = keypoints(faint(smooth(seed, 480, 300)), GALLERY_KEYPOINTS);
      const { img, screen } = banded(faint(smooth(seed, 480, 300)));
      const post = keypoints(img, QUERY_KEYPOINTS);
      const found = screenLook(post, workKp);
      expect(found?.onScreen).toBeDefined();
      // Where it sits: about the screen.
      expect(found!.corners.every((p, i) => Math.hypot(p.x - fraction(screen)[i]!.x, p.y - fraction(screen)[i]!.y) < 0.05)).toBe(true);
      // The same place without the wave: the bands outweigh the work's shading.
      const plain = onQuad(post, workKp, found!.corners.map((p) => ({ ...p })) as Quad);
      expect(confirms(plain && mappingOf(plain))).toBe(false);
      expect(plain!.onScreen!.detail).toBeLessThan(0.8);
    }
  });

  it('confirms no other faint picture or painting under the same bands', () => {
    const workKp = keypoints(faint(smooth(7, 480, 300)), GALLERY_KEYPOINTS);
    for (const seed of [1, 2, 3, 4, 5, 6, 8, 9]) {
      expect(screenLook(keypoints(banded(faint(smooth(seed, 480, 300))).img, QUERY_KEYPOINTS), workKp)).toBeNull();
    }
    for (const seed of [4, 8]) expect(screenLook(keypoints(banded(faint(painting(480, 300, seed))).img, QUERY_KEYPOINTS), workKp)).toBeNull();
  });
});
