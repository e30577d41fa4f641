// Pictures made in the tests: a busy "painting" per seed, a plain canvas, and pasting one into another.
import type { Raster } from '../../src/engine/image';
import { seededRandom } from '../../src/engine/vectors';

/** A busy "painting": smooth colour fields plus blobs and grain, different per seed. */
export function painting(w: number, h: number, seed: number): Raster {
  const r = seededRandom(seed);
  const blobs = Array.from({ length: 12 }, () => ({ x: r() * w, y: r() * h, s: 10 + r() * w * 0.2, c: [r() * 255, r() * 255, r() * 255] }));
  const base = [r() * 200, r() * 200, r() * 200];
  const data = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const o = (y * w + x) * 3;
      for (let k = 0; k < 3; k++) data[o + k] = base[k]! * (0.6 + (0.4 * x) / w) + 30 * Math.sin((x + y * (k + 1)) / 9) + 20 * r();
      for (const b of blobs) {
        if ((x - b.x) ** 2 + (y - b.y) ** 2 < b.s ** 2) for (let k = 0; k < 3; k++) data[o + k] = b.c[k]! * 0.8 + 40 * r();
      }
    }
  }
  return { data, width: w, height: h, channels: 3 };
}

export function canvas(w: number, h: number, rgb: [number, number, number]): Raster {
  const data = new Uint8Array(w * h * 3);
  for (let i = 0; i < w * h; i++) data.set(rgb, i * 3);
  return { data, width: w, height: h, channels: 3 };
}

export function paste(dst: Raster, src: Raster, left: number, top: number): void {
  for (let y = 0; y < src.height; y++) {
    for (let x = 0; x < src.width; x++) {
      const o = ((top + y) * dst.width + left + x) * 3, i = (y * src.width + x) * 3;
      dst.data[o] = src.data[i]!; dst.data[o + 1] = src.data[i + 1]!; dst.data[o + 2] = src.data[i + 2]!;
    }
  }
}
