// Header sizes for the formats feeds serve, checked against sharp's own encoders, and headers that lie.
import { describe, expect, test } from 'vitest';
import sharp from 'sharp';
import { MAX_PIXELS, imageSize, sizeRefusal } from '../../src/engine/image-size';

const base = () => sharp({ create: { width: 321, height: 123, channels: 3, background: '#c0392b' } });

test.each([
  ['jpeg', () => base().jpeg().toBuffer()],
  ['progressive jpeg', () => base().jpeg({ progressive: true }).toBuffer()],
  ['png', () => base().png().toBuffer()],
  ['webp lossy', () => base().webp().toBuffer()],
  ['webp lossless', () => base().webp({ lossless: true }).toBuffer()],
  ['gif', () => base().gif().toBuffer()],
])('%s', async (_, make) => {
  expect(imageSize(new Uint8Array(await make()))).toEqual({ width: 321, height: 123 });
});

test('garbage and truncated headers give null, never a throw', () => {
  expect(imageSize(new Uint8Array(64).fill(7))).toBeNull();
  expect(imageSize(new Uint8Array([0xff, 0xd8, 0xff]))).toBeNull();
});

// Hostile and unusual headers: the size must be found wherever a decoder would find it, and where a file states
// it twice the larger counts, so a picture too large to decode cannot pass by hiding its size.
const jpegOf = async (w = 64, h = 48) => new Uint8Array(await sharp({ create: { width: w, height: h, channels: 3, background: '#345' } }).jpeg().toBuffer());
const sofAt = (b: Uint8Array) => b.findIndex((x, i) => x === 0xff && b[i + 1] === 0xc0);
const join = (...parts: ArrayLike<number>[]) => Uint8Array.from(parts.flatMap((p) => Array.from(p)));
const claim = (b: Uint8Array, width: number, height: number) => {
  const out = b.slice();
  const at = sofAt(out);
  out.set([height >> 8, height & 0xff, width >> 8, width & 0xff], at + 5);
  return out;
};

describe('JPEG', () => {
  test('0xFF fill bytes before the frame header (the 981-byte bomb claiming 19,999²) do not hide its size', async () => {
    const b = claim(await jpegOf(), 19_999, 19_999);
    const sof = sofAt(b);
    const padded = join(b.subarray(0, sof), new Uint8Array(8).fill(0xff), b.subarray(sof));
    expect(imageSize(padded)).toEqual({ width: 19_999, height: 19_999 });
    expect(sizeRefusal(imageSize(padded))).toBe('too-many-pixels');
  });

  test('stray bytes before a marker are skipped, as decoders do', async () => {
    const b = await jpegOf(300, 200);
    const sof = sofAt(b);
    expect(imageSize(join(b.subarray(0, sof), [0, 0, 0x20], b.subarray(sof)))).toEqual({ width: 300, height: 200 });
  });

  test('a second frame header cannot shrink the size: the larger is kept', async () => {
    const small = await jpegOf(64, 48);
    const sof = sofAt(small);
    const len = (small[sof + 2]! << 8) | small[sof + 3]!;
    const bigFrame = claim(small, 12_000, 9_000).subarray(sof, sof + 2 + len);
    // The honest small frame header first, then one claiming 12,000 × 9,000.
    const end = sof + 2 + len;
    expect(imageSize(join(small.subarray(0, end), bigFrame, small.subarray(end)))).toEqual({ width: 12_000, height: 9_000 });
  });

  test('a frame header behind large metadata (past the first 256 kB) is found', async () => {
    const b = await jpegOf(640, 480);
    const app = (n: number) => join([0xff, 0xe2, (n + 2) >> 8, (n + 2) & 0xff], new Uint8Array(n).fill(7));
    const heavy = join(b.subarray(0, 2), ...Array.from({ length: 6 }, () => app(60_000)), b.subarray(2));
    expect(heavy.length).toBeGreaterThan(256 * 1024);
    expect(imageSize(heavy)).toEqual({ width: 640, height: 480 });
  });

  test('a JPEG cut before its frame header has no size, and is refused for it', async () => {
    const b = await jpegOf();
    expect(imageSize(b.subarray(0, sofAt(b)))).toBeNull();
    expect(sizeRefusal(imageSize(b.subarray(0, sofAt(b))))).toBe('no-size');
  });
});

describe('other formats', () => {
  test('a PNG header claiming 19,000 × 19,000 is refused by the pixel cap; 50 MP exactly passes', async () => {
    const png = new Uint8Array(await base().png().toBuffer());
    const huge = png.slice();
    new DataView(huge.buffer).setUint32(16, 19_000);
    new DataView(huge.buffer).setUint32(20, 19_000);
    expect(sizeRefusal(imageSize(huge))).toBe('too-many-pixels');
    expect(sizeRefusal({ width: 10_000, height: MAX_PIXELS / 10_000 })).toBeNull();
  });

  test('a GIF whose frame is larger than its logical screen has the frame\'s size', async () => {
    const gif = new Uint8Array(await base().gif().toBuffer());
    const lying = gif.slice();
    // Logical screen 1 × 1; the frame still says 321 × 123.
    lying.set([1, 0, 1, 0], 6);
    expect(imageSize(lying)).toEqual({ width: 321, height: 123 });
  });

  test('a WebP whose VP8X canvas is small but whose bitstream is large has the larger size', async () => {
    const lossless = new Uint8Array(await base().webp({ lossless: true }).toBuffer());
    // RIFF header, then a VP8X chunk claiming a 2 × 2 canvas, then the original VP8L chunk.
    const vp8x = join([0x56, 0x50, 0x38, 0x58, 10, 0, 0, 0], [0, 0, 0, 0], [1, 0, 0], [1, 0, 0]);
    const body = join(lossless.subarray(8, 12), vp8x, lossless.subarray(12));
    const riff = join([0x52, 0x49, 0x46, 0x46], [body.length & 0xff, (body.length >> 8) & 0xff, (body.length >> 16) & 0xff, 0], body);
    expect(imageSize(riff)).toEqual({ width: 321, height: 123 });
  });

  test('AVIF and BMP sizes are read', async () => {
    expect(imageSize(new Uint8Array(await base().avif().toBuffer()))).toEqual({ width: 321, height: 123 });
    const bmp = new Uint8Array(54);
    bmp.set([0x42, 0x4d]);
    const v = new DataView(bmp.buffer);
    v.setUint32(14, 40, true);
    v.setInt32(18, 800, true);
    v.setInt32(22, -600, true); // top-down rows
    expect(imageSize(bmp)).toEqual({ width: 800, height: 600 });
  });

  test('what is no picture has no size', () => {
    expect(sizeRefusal(imageSize(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="99999" height="99999"/>')))).toBe('no-size');
  });
});
