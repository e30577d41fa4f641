import { describe, expect, it } from 'vitest';
import {
  DIHEDRAL_NAMES,
  dihedralHashes,
  hammingDistance,
  hashSimilarity,
  lumaFromRgba,
  perceptualHash,
  popcount32,
} from '../../src/engine/hash';
import { seededRandom } from '../../src/engine/vectors';

interface Image {
  luma: Float32Array;
  width: number;
  height: number;
}

/** Soft blobs, stripes and hard-edged rectangles: enough texture at several scales to hash reliably. */
function texturedImage(seed: number, width = 240, height = 170): Image {
  const random = seededRandom(seed);
  const luma = new Float32Array(width * height).fill(128);
  const waves = Array.from({ length: 6 }, () => ({
    fx: (random() - 0.5) * 0.12,
    fy: (random() - 0.5) * 0.12,
    phase: random() * 6.28,
    amp: 10 + random() * 25,
  }));
  const rects = Array.from({ length: 12 }, () => ({
    x0: random() * width,
    y0: random() * height,
    w: 10 + random() * width * 0.4,
    h: 10 + random() * height * 0.4,
    shift: (random() - 0.5) * 120,
  }));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let v = 128;
      for (const w of waves) v += w.amp * Math.sin(w.fx * x + w.fy * y + w.phase);
      for (const r of rects) if (x >= r.x0 && x < r.x0 + r.w && y >= r.y0 && y < r.y0 + r.h) v += r.shift;
      luma[y * width + x] = Math.min(255, Math.max(0, v));
    }
  }
  return { luma, width, height };
}

function mapPixels(img: Image, width: number, height: number, source: (x: number, y: number) => number): Image {
  const luma = new Float32Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) luma[y * width + x] = img.luma[source(x, y)]!;
  return { luma, width, height };
}

const W = (img: Image) => img.width;
const H = (img: Image) => img.height;
const pixelTransforms: Record<(typeof DIHEDRAL_NAMES)[number], (img: Image) => Image> = {
  identity: (i) => mapPixels(i, W(i), H(i), (x, y) => y * W(i) + x),
  'mirror-x': (i) => mapPixels(i, W(i), H(i), (x, y) => y * W(i) + (W(i) - 1 - x)),
  'mirror-y': (i) => mapPixels(i, W(i), H(i), (x, y) => (H(i) - 1 - y) * W(i) + x),
  rot180: (i) => mapPixels(i, W(i), H(i), (x, y) => (H(i) - 1 - y) * W(i) + (W(i) - 1 - x)),
  transpose: (i) => mapPixels(i, H(i), W(i), (x, y) => x * W(i) + y),
  // Clockwise: the output's top row is the input's left column read bottom-up.
  rot90: (i) => mapPixels(i, H(i), W(i), (x, y) => (H(i) - 1 - x) * W(i) + y),
  rot270: (i) => mapPixels(i, H(i), W(i), (x, y) => x * W(i) + (W(i) - 1 - y)),
  'anti-transpose': (i) => mapPixels(i, H(i), W(i), (x, y) => (H(i) - 1 - x) * W(i) + (W(i) - 1 - y)),
};

/** Bilinear resize, independent of the module's resampler. */
function resize(img: Image, width: number, height: number): Image {
  const luma = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(img.height - 1, Math.max(0, ((y + 0.5) * img.height) / height - 0.5));
    const y0 = Math.floor(sy);
    const y1 = Math.min(img.height - 1, y0 + 1);
    for (let x = 0; x < width; x++) {
      const sx = Math.min(img.width - 1, Math.max(0, ((x + 0.5) * img.width) / width - 0.5));
      const x0 = Math.floor(sx);
      const x1 = Math.min(img.width - 1, x0 + 1);
      const at = (xx: number, yy: number) => img.luma[yy * img.width + xx]!;
      const top = at(x0, y0) + (at(x1, y0) - at(x0, y0)) * (sx - x0);
      const bottom = at(x0, y1) + (at(x1, y1) - at(x0, y1)) * (sx - x0);
      luma[y * width + x] = top + (bottom - top) * (sy - y0);
    }
  }
  return { luma, width, height };
}

function boxBlur(img: Image, r: number): Image {
  const { width, height } = img;
  return mapPixelsAvg(img, (x, y) => {
    let s = 0;
    let n = 0;
    for (let dy = -r; dy <= r; dy++) {
      for (let dx = -r; dx <= r; dx++) {
        const xx = x + dx;
        const yy = y + dy;
        if (xx >= 0 && xx < width && yy >= 0 && yy < height) {
          s += img.luma[yy * width + xx]!;
          n++;
        }
      }
    }
    return s / n;
  });
}

function mapPixelsAvg(img: Image, f: (x: number, y: number) => number): Image {
  const luma = new Float32Array(img.width * img.height);
  for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) luma[y * img.width + x] = f(x, y);
  return { ...img, luma };
}

function withNoise(img: Image, amplitude: number, seed: number): Image {
  const random = seededRandom(seed);
  return { ...img, luma: img.luma.map((v) => Math.min(255, Math.max(0, v + (random() - 0.5) * 2 * amplitude))) };
}

const hashOf = (img: Image) => perceptualHash(img.luma, img.width, img.height);
const distance = (a: Image, b: Image) => hammingDistance(hashOf(a).bits, hashOf(b).bits);

describe('perceptualHash', () => {
  const original = texturedImage(1);

  it('is deterministic and sets about half the bits', () => {
    const a = hashOf(original);
    const b = hashOf(texturedImage(1));
    expect(Array.from(a.bits)).toEqual(Array.from(b.bits));
    const set = Array.from(a.bits).reduce((s, w) => s + popcount32(w), 0);
    expect(set).toBeGreaterThanOrEqual(120);
    expect(set).toBeLessThanOrEqual(136);
  });

  it('hashes a gradient the same way every time', () => {
    const width = 100;
    const height = 80;
    const luma = new Float32Array(width * height).map((_, i) => ((i % width) / width) * 255);
    const a = perceptualHash(luma, width, height);
    expect(Array.from(a.bits)).toEqual(Array.from(perceptualHash(luma, width, height).bits));
  });

  it('survives resizing, blurring and brightness changes', () => {
    const edits = [
      resize(original, 120, 85),
      resize(original, 600, 425),
      resize(resize(original, 50, 35), 240, 170),
      boxBlur(original, 2),
      mapPixelsAvg(original, (x, y) => Math.min(255, original.luma[y * original.width + x]! * 0.8 + 40)),
      mapPixelsAvg(original, (x, y) => 255 * (original.luma[y * original.width + x]! / 255) ** 0.6),
      withNoise(original, 25, 3),
    ];
    for (const edit of edits) expect(distance(original, edit)).toBeLessThanOrEqual(30);
  });

  it('puts unrelated images far apart', () => {
    for (let seed = 2; seed < 12; seed++) {
      const d = distance(original, texturedImage(seed));
      expect(d).toBeGreaterThanOrEqual(90);
      expect(d).toBeLessThanOrEqual(160);
    }
  });

  it('hashes images smaller than its 64×64 grid', () => {
    const small = resize(boxBlur(original, 3), 40, 28);
    expect(distance(original, small)).toBeLessThanOrEqual(30);
  });

  it('rates flat images low and textured ones high', () => {
    const flat = new Float32Array(200 * 200).fill(200);
    expect(perceptualHash(flat, 200, 200).quality).toBe(0);
    // PDQ's guidance is to distrust hashes below quality 50; a full-range ramp scores 44.
    const ramp = new Float32Array(200 * 200).map((_, i) => (Math.floor(i / 200) / 200) * 255);
    expect(perceptualHash(ramp, 200, 200).quality).toBeLessThan(50);
    expect(hashOf(original).quality).toBeGreaterThanOrEqual(80);
  });
});

describe('dihedralHashes', () => {
  const original = texturedImage(7, 210, 150);
  const variants = dihedralHashes(original.luma, original.width, original.height);

  it('starts with the plain hash', () => {
    expect(variants).toHaveLength(8);
    expect(Array.from(variants[0]!.bits)).toEqual(Array.from(hashOf(original).bits));
  });

  it.each(DIHEDRAL_NAMES.map((name, index) => [name, index] as const))(
    'variant %s matches the hash of the transformed pixels',
    (name, index) => {
      const transformed = hashOf(pixelTransforms[name](original));
      expect(hammingDistance(transformed.bits, variants[index]!.bits)).toBeLessThanOrEqual(4);
    },
  );

  it('keeps variants of a textured image apart from each other', () => {
    for (let i = 1; i < 8; i++) expect(hammingDistance(variants[0]!.bits, variants[i]!.bits)).toBeGreaterThan(60);
  });
});

describe('helpers', () => {
  it('computes Rec.601 luma and flattens transparency onto white', () => {
    const rgba = new Uint8ClampedArray([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 0, 0, 0, 0]);
    const luma = lumaFromRgba(rgba, 2, 2);
    expect(luma[0]).toBeCloseTo(76.245, 3);
    expect(luma[1]).toBeCloseTo(149.685, 3);
    expect(luma[2]).toBeCloseTo(29.07, 3);
    expect(luma[3]).toBeCloseTo(255, 3);
  });

  it('counts differing bits and maps distance to similarity', () => {
    const a = new Uint32Array(8);
    const b = new Uint32Array(8).fill(0xffffffff);
    expect(hammingDistance(a, b)).toBe(256);
    b[3] = 0x80000001;
    expect(hammingDistance(a, b)).toBe(226);
    expect(popcount32(0xffffffff)).toBe(32);
    expect(hashSimilarity(0)).toBe(1);
    expect(hashSimilarity(128)).toBe(0.5);
    expect(hashSimilarity(256)).toBe(0);
  });
});
