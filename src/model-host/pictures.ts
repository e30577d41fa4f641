// What the model host's handlers need from wherever pictures become signals: Firefox decodes and embeds in its event
// page (local-pictures.ts); Chrome fetches in the offscreen document and decodes, prepares and embeds in the
// sandboxed model frame's process (framed-pictures.ts), so a hostile picture can only take that process down.
import type { ScreenView, WorkThumb } from '../engine/screen-shortlist';
import type { Embedder } from '../ml/embedder';
import type { ImageSignals } from '../ml/signals';
import type { Keypoints } from '../engine/keypoints';
import type { Raster } from '../engine/image';
import type { RegionKind } from '../engine/regions';
import type { ProvenanceSummary } from '../engine/provenance/summary';
import type { KeypointPart, PostKeypoints } from './decoders';
import type { DecodeTiming, DecoderChoice } from './decode';

/** What the handlers send on: the model's signals with each region's kind (the regions stay where they were cut). */
export interface PictureSignals {
  hashes: Uint32Array[];
  hashQuality: number;
  vectors: Float32Array[];
  kinds: RegionKind[];
  style: Float32Array;
  provenance?: ProvenanceSummary | null;
  /** A feed picture's screens and grey overview; a gallery work's grey grid (engine/screen-shortlist.ts). */
  screen?: ScreenView;
  thumb?: WorkThumb;
}

export function pictureSignals(s: ImageSignals, provenance: ProvenanceSummary | null | undefined): PictureSignals {
  return {
    hashes: s.hashes, hashQuality: s.hashQuality, vectors: s.vectors, style: s.style,
    kinds: s.regions.map((r) => r.kind ?? 'whole'), provenance: provenance ?? null,
    ...(s.screen ? { screen: s.screen } : {}), ...(s.thumb ? { thumb: s.thumb } : {}),
  };
}

export interface PictureHost {
  /** The model itself: model/ping and bench:perf's direct calls. */
  model(): Promise<Embedder>;
  /** A picture's signals and, for a feed picture, its provenance. Failures carry their refusal (shared/refusal.ts). */
  signals(url: string, role: 'query' | 'gallery', timing?: DecodeTiming): Promise<PictureSignals>;
  /**
   * A feed picture's keypoints and its zooms', from the raster kept when its signals were made where it still is;
   * `levels`: one half of them (decoders.ts KeypointPart), unless the picture had to be decoded again; `tile`: the
   * index of the collage tile to read closer too (engine/zoom.ts tileZoom), if it is one.
   */
  postKeypoints(url: string, levels?: KeypointPart, tile?: number): Promise<PostKeypoints>;
  /** A gallery work's keypoints, from its picture (verify.ts keeps them). */
  workKeypoints(url: string): Promise<Keypoints>;
  /** The analysis raster itself: bench:perf's soak. */
  raster(url: string, decoder?: DecoderChoice): Promise<Raster>;
}
