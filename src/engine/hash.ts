// PDQ-style 256-bit perceptual hash for near-exact copies (resized, recompressed, recoloured, mirrored).
// Pure: typed arrays in and out. Follows Facebook's PDQ (64×64 luma, 16×16 DCT block, median threshold)
// but uses its own resampler and word layout, so hashes compare only with hashes made by this module.
import { Slot } from './scratch';

export interface PerceptualHash {
  /** 256 bits, bit k = row*16 + col of the DCT block, in word k >>> 5 at position k & 31. */
  bits: Uint32Array;
  /**
   * 0..100 gradient energy of the 64×64 image (PDQ's metric; PDQ's authors drop hashes below 50). Flat and
   * blank images score ~0. It misses images that vary along one axis only (stripes score 100, yet most of
   * their DCT block is ~0 and the bits flip under recompression: art013 in the corpus moved 60–136 bits).
   */
  quality: number;
}

export const HASH_BITS = 256;
export const HASH_WORDS = 8;

const GRID = 64;
const BLOCK = 16;

/**
 * Order of `dihedralHashes`. Variant v of an image's hash equals (within a few bits) the hash of that image
 * after transform v. So a stored work matches the query variant that undoes the repost's transform: a
 * repost rotated by rot90 matches at rot270. rot90 is clockwise; transpose swaps x and y.
 */
export const DIHEDRAL_NAMES = [
  'identity',
  'mirror-x',
  'mirror-y',
  'rot180',
  'transpose',
  'rot90',
  'rot270',
  'anti-transpose',
] as const;
export type DihedralName = (typeof DIHEDRAL_NAMES)[number];

// Per variant: [transpose the block, negate odd horizontal frequencies, negate odd vertical frequencies].
// Reversing a 64-sample axis multiplies DCT frequency f by (-1)^f; rot90 = mirror-x after transpose.
const DIHEDRAL_OPS: readonly (readonly [boolean, boolean, boolean])[] = [
  [false, false, false],
  [false, true, false],
  [false, false, true],
  [false, true, true],
  [true, false, false],
  [true, true, false],
  [true, false, true],
  [true, true, true],
];

/** Rec.601 luma in 0..255. Transparent pixels are composited over white, as reposts usually flatten them. */
export function lumaFromRgba(
  rgba: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
): Float32Array {
  const n = width * height;
  if (rgba.length < n * 4) throw new RangeError(`rgba holds ${rgba.length} bytes, need ${n * 4}`);
  const luma = new Float32Array(n);
  for (let i = 0, p = 0; i < n; i++, p += 4) {
    const y = 0.299 * rgba[p]! + 0.587 * rgba[p + 1]! + 0.114 * rgba[p + 2]!;
    const a = rgba[p + 3]!;
    luma[i] = a === 255 ? y : y + (255 - y) * (1 - a / 255);
  }
  return luma;
}

export function perceptualHash(luma: Float32Array, width: number, height: number): PerceptualHash {
  const grid = downsample(luma, width, height);
  return { bits: thresholdAtMedian(dctBlock(grid)), quality: gradientQuality(grid) };
}

/** The 8 dihedral variants (order: DIHEDRAL_NAMES) from one resample and one DCT. */
export function dihedralHashes(luma: Float32Array, width: number, height: number): PerceptualHash[] {
  const grid = downsample(luma, width, height);
  const block = dctBlock(grid);
  const quality = gradientQuality(grid);
  const variant = new Float64Array(BLOCK * BLOCK);
  return DIHEDRAL_OPS.map(([transpose, flipX, flipY]) => {
    for (let i = 0; i < BLOCK; i++) {
      for (let j = 0; j < BLOCK; j++) {
        // Index i is frequency i + 1 (PDQ drops DC), so even indices are the odd frequencies.
        const negate = (flipX && j % 2 === 0) !== (flipY && i % 2 === 0);
        const v = transpose ? block[j * BLOCK + i]! : block[i * BLOCK + j]!;
        variant[i * BLOCK + j] = negate ? -v : v;
      }
    }
    return { bits: thresholdAtMedian(variant), quality };
  });
}

export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

export function hammingDistance(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) throw new RangeError('hashes differ in length');
  let d = 0;
  for (let i = 0; i < a.length; i++) d += popcount32(a[i]! ^ b[i]!);
  return d;
}

/** 1 at distance 0, 0.5 at 128 (where unrelated images sit), 0 at 256. */
export function hashSimilarity(distance: number): number {
  return Math.min(1, Math.max(0, 1 - distance / HASH_BITS));
}

/**
 * Separable tent-filter resample to 64×64. The tent spans one output cell on each side, so shrinking
 * averages every source pixel (no aliasing from any size) and enlarging is bilinear. The taps are
 * symmetric about the centre, which keeps the result exactly dihedral-equivariant.
 */
/** downsample's row pass, written in full before it is read (engine/scratch.ts). */
const ROWS = new Slot(Float64Array);
function downsample(luma: Float32Array, width: number, height: number): Float64Array {
  if (width < 1 || height < 1 || luma.length < width * height) {
    throw new RangeError(`bad image ${width}×${height} with ${luma.length} samples`);
  }
  const tx = tentTaps(width, GRID);
  const ty = tentTaps(height, GRID);
  const rows = ROWS.take(height * GRID);
  for (let y = 0; y < height; y++) {
    const src = y * width;
    for (let o = 0; o < GRID; o++) {
      const first = src + tx.first[o]!;
      const count = tx.count[o]!;
      const wb = o * tx.stride;
      let s = 0;
      for (let t = 0; t < count; t++) s += luma[first + t]! * tx.weight[wb + t]!;
      rows[y * GRID + o] = s;
    }
  }
  const out = new Float64Array(GRID * GRID);
  for (let o = 0; o < GRID; o++) {
    for (let t = 0; t < ty.count[o]!; t++) {
      const w = ty.weight[o * ty.stride + t]!;
      const src = (ty.first[o]! + t) * GRID;
      for (let x = 0; x < GRID; x++) out[o * GRID + x]! += rows[src + x]! * w;
    }
  }
  return out;
}

/** Output o reads count[o] consecutive samples from first[o], weighted by weight[o*stride ...]. */
interface Taps {
  first: Int32Array;
  count: Int32Array;
  weight: Float64Array;
  stride: number;
}

function tentTaps(size: number, out: number): Taps {
  const scale = size / out;
  const radius = Math.max(1, scale);
  const stride = 2 * Math.ceil(radius) + 1;
  const taps: Taps = { first: new Int32Array(out), count: new Int32Array(out), weight: new Float64Array(out * stride), stride };
  for (let o = 0; o < out; o++) {
    const centre = (o + 0.5) * scale - 0.5;
    // Strictly inside the tent, so no zero-weight taps at the ends.
    const lo = Math.max(0, Math.floor(centre - radius) + 1);
    const hi = Math.min(size - 1, Math.ceil(centre + radius) - 1);
    let sum = 0;
    for (let i = lo; i <= hi; i++) sum += 1 - Math.abs(i - centre) / radius;
    taps.first[o] = lo;
    taps.count[o] = hi - lo + 1;
    for (let i = lo; i <= hi; i++) taps.weight[o * stride + i - lo] = (1 - Math.abs(i - centre) / radius) / sum;
  }
  return taps;
}

// DCT-II rows for frequencies 1..16 over 64 samples; DC is left out as in PDQ (the median ignores it).
const DCT = (() => {
  const m = new Float64Array(BLOCK * GRID);
  const norm = Math.sqrt(2 / GRID);
  for (let i = 0; i < BLOCK; i++) {
    for (let j = 0; j < GRID; j++) m[i * GRID + j] = norm * Math.cos((Math.PI / 2 / GRID) * (i + 1) * (2 * j + 1));
  }
  return m;
})();

/** B = D·A·Dᵀ restricted to the 16×16 low-frequency block; B[i][j]: i vertical, j horizontal frequency. */
function dctBlock(grid: Float64Array): Float64Array {
  const t = new Float64Array(BLOCK * GRID);
  for (let i = 0; i < BLOCK; i++) {
    for (let r = 0; r < GRID; r++) {
      const d = DCT[i * GRID + r]!;
      const row = r * GRID;
      for (let c = 0; c < GRID; c++) t[i * GRID + c]! += d * grid[row + c]!;
    }
  }
  const block = new Float64Array(BLOCK * BLOCK);
  for (let i = 0; i < BLOCK; i++) {
    for (let j = 0; j < BLOCK; j++) {
      let s = 0;
      for (let c = 0; c < GRID; c++) s += t[i * GRID + c]! * DCT[j * GRID + c]!;
      block[i * BLOCK + j] = s;
    }
  }
  return block;
}

/** Bits above the median: 128 of 256 set barring ties, which makes unrelated images ~128 bits apart. */
function thresholdAtMedian(block: Float64Array): Uint32Array {
  const sorted = Float64Array.from(block).sort();
  const median = (sorted[BLOCK * BLOCK / 2 - 1]! + sorted[BLOCK * BLOCK / 2]!) / 2;
  const bits = new Uint32Array(HASH_WORDS);
  for (let k = 0; k < BLOCK * BLOCK; k++) {
    if (block[k]! > median) bits[k >>> 5]! |= 1 << (k & 31);
  }
  return bits;
}

/**
 * PDQ's quality: summed absolute neighbour differences, each truncated to whole percents of full scale,
 * divided by 90 and capped at 100. Truncation makes smooth gradients and flat fills score near 0.
 */
function gradientQuality(grid: Float64Array): number {
  let sum = 0;
  for (let y = 0; y < GRID; y++) {
    for (let x = 0; x < GRID; x++) {
      const u = grid[y * GRID + x]!;
      if (x + 1 < GRID) sum += Math.abs(Math.trunc(((u - grid[y * GRID + x + 1]!) * 100) / 255));
      if (y + 1 < GRID) sum += Math.abs(Math.trunc(((u - grid[(y + 1) * GRID + x]!) * 100) / 255));
    }
  }
  return Math.min(100, Math.trunc(sum / 90));
}
