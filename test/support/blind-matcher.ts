// A matcher whose vectors point nowhere, for the shortlists that find a work by its light and dark alone (the screen
// and frame shortlists, engine/screen-shortlist.ts): the case where moiré, glare, a watermark or noise mislead
// MobileNet. Works and posts are prepared by the engine as the extension prepares them; only the vectors are blind.
import { prepareImage } from '../../src/engine/prepare';
import { GalleryMatcher, quantizeSignals, type QuerySignals } from '../../src/engine/matcher';
import type { Raster } from '../../src/engine/image';

/** A matcher of these works, each with its grid, whose vectors match nothing a post sends. */
export function blindMatcher(works: Iterable<readonly [string, Raster]>): GalleryMatcher {
  const matcher = new GalleryMatcher();
  for (const [id, r] of works) {
    const p = prepareImage(r, 'gallery');
    const vectors = p.crops.map((_, i) => Float32Array.from({ length: 256 }, (_, k) => Math.sin(k * (i + 1) + id.length)));
    matcher.add(quantizeSignals({ id, hash: p.hashes[0]!, hashQuality: 0, vectors, style: new Float32Array(1408), thumb: p.thumb }));
  }
  return matcher;
}

/** A post's signals with a blank vector, and its screen view and grid as prepared (`send` picks which go with it). */
export function blindQuery(r: Raster, send: { screen?: boolean; thumb?: boolean }): QuerySignals {
  const p = prepareImage(r, 'query');
  return {
    hashes: p.hashes, hashQuality: 0, vectors: [new Float32Array(256)], style: new Float32Array(1408), kinds: ['whole'],
    ...(send.screen && p.screen ? { screen: p.screen } : {}), ...(send.thumb && p.thumb ? { thumb: p.thumb } : {}),
  };
}
