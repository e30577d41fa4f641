// Header sizes for the formats feeds serve, checked against sharp's own encoders.
import { expect, test } from 'vitest';
import sharp from 'sharp';
import { imageSize } from '../../src/engine/image-size';

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
