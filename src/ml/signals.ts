// From pixels to every signal the engine compares: perceptual hashes, whole-image and regional embeddings,
// and the style descriptor. Shared by the model host and the Node CLI so both see the same numbers.
import type { Raster } from '../engine/image';
import { prepareImage, type PreparedImage } from '../engine/prepare';
import type { Region } from '../engine/regions';
import { styleDescriptor } from '../engine/style-descriptor';
import type { ScreenView, WorkThumb } from '../engine/screen-shortlist';
import type { Embedder } from './embedder';

export { ANALYSIS_SIDE } from '../engine/prepare';

export interface ImageSignals {
  /** 8 dihedral variants for a query; one hash for a gallery work. */
  hashes: Uint32Array[];
  hashQuality: number;
  /** [0] is the whole image; the rest follow `regions`. */
  vectors: Float32Array[];
  regions: Region[];
  style: Float32Array;
  /** A feed picture's photographed screens and grey overview (engine/screen-shortlist.ts); absent when it shows none. */
  screen?: ScreenView;
  /** A gallery work's coarse grey grid (engine/screen-shortlist.ts). */
  thumb?: WorkThumb;
}

/** The model's half: embeds prepared crops (the whole image also yields style statistics). */
export async function embedPrepared(embedder: Embedder, p: PreparedImage): Promise<ImageSignals> {
  // Plain crops (prepare.ts isPlain) are not embedded: a zero vector is a cosine of 0 with every work.
  const plain = new Set(p.plain);
  const rest = p.crops.map((c, i) => ({ c, i })).filter(({ i }) => i > 0 && !plain.has(i));
  const [[whole], embedded] = await Promise.all([embedder.signals(p.crops.slice(0, 1)), embedder.embed(rest.map(({ c }) => c))]);
  const dim = whole!.global.length;
  const vectors: Float32Array[] = p.crops.map(() => new Float32Array(dim));
  if (!plain.has(0)) vectors[0] = whole!.global;
  rest.forEach(({ i }, k) => { vectors[i] = embedded[k]!; });
  return {
    hashes: p.hashes,
    hashQuality: p.hashQuality,
    vectors,
    regions: p.regions,
    style: styleDescriptor(whole!.styleStats),
    ...(p.screen ? { screen: p.screen } : {}),
    ...(p.thumb ? { thumb: p.thumb } : {}),
  };
}

/** `image` should already be small (long side ≤ ANALYSIS_SIDE): crops are cut from it, then resampled. */
export function computeSignals(embedder: Embedder, image: Raster, role: 'query' | 'gallery'): Promise<ImageSignals> {
  return embedPrepared(embedder, prepareImage(image, role));
}
