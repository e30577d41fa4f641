// Node-side decoding for the CLI and benchmarks: any image file → the analysis raster, as in the extension.
import sharp from 'sharp';
import { ANALYSIS_SIDE } from '../ml/signals';
import type { Raster } from '../engine/image';

/** Inputs above this many pixels are refused rather than decoded (a decompression bomb guard). */
const MAX_PIXELS = 100_000_000;

/** Decodes to an RGB raster no larger than `maxSide`: crops and hashes are cut from this, as in the extension. */
export async function decodeRaster(input: Buffer | string, maxSide = ANALYSIS_SIDE): Promise<Raster> {
  const { data, info } = await sharp(input, { limitInputPixels: MAX_PIXELS })
    .rotate()
    .flatten({ background: '#ffffff' })
    .resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true, kernel: 'linear' })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height, channels: 3 };
}
