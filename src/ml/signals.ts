// From pixels to every signal the engine compares: perceptual hashes, whole-image and regional embeddings,
// and the style descriptor. Shared by the model host and the Node CLI so both see the same numbers.
import { dihedralHashes, perceptualHash } from '../engine/hash';
import { luma, resample, type Raster } from '../engine/image';
import { galleryRegions, queryRegions, type Region } from '../engine/regions';
import { styleDescriptor } from '../engine/style';
import type { Embedder } from './embedder';
import { INPUT_SIZE } from './preprocess';

export interface ImageSignals {
  /** 8 dihedral variants for a query; one hash for a gallery work. */
  hashes: Uint32Array[];
  hashQuality: number;
  /** [0] is the whole image; the rest follow `regions`. */
  vectors: Float32Array[];
  regions: Region[];
  style: Float32Array;
}

/** Long side of the raster an image is analysed at: crops of it still have ≥ 224 px at 60 % area. */
export const ANALYSIS_SIDE = 512;


/** `image` should already be small (long side ≤ ~512): crops are cut from it, then resampled to 224. */
export async function computeSignals(embedder: Embedder, image: Raster, role: 'query' | 'gallery'): Promise<ImageSignals> {
  const regions = role === 'gallery' ? galleryRegions() : queryRegions(image);
  const crops = regions.map((r) => resample(image, r.box, INPUT_SIZE, INPUT_SIZE, r.mirror, r.gray));
  // The whole image also yields style statistics; the regions need only their embeddings.
  const [[whole], others] = await Promise.all([embedder.signals(crops.slice(0, 1)), embedder.embed(crops.slice(1))]);
  // The hash reads the whole-image crop the model already got: one resample fewer per image.
  const y = luma(crops[0]!);
  const hashes = role === 'query' ? dihedralHashes(y, INPUT_SIZE, INPUT_SIZE) : [perceptualHash(y, INPUT_SIZE, INPUT_SIZE)];
  return {
    hashes: hashes.map((h) => h.bits),
    hashQuality: hashes[0]!.quality,
    vectors: [whole!.global, ...others],
    regions,
    style: styleDescriptor(whole!.styleStats),
  };
}
