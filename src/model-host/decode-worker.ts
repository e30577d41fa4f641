// A worker beside the model: fetch, decode, crop and hash happen here, on the other core, while the host's
// thread runs the model. Replies transfer the crops' buffers instead of copying them. A feed picture's provenance
// (C2PA, TC260, IPTC, generators' metadata) is read here from the bytes already fetched, within PROVENANCE_LIMITS.
import { prepareImage, type PreparedImage } from '../engine/prepare';
import { readProvenance } from '../engine/provenance/index';
import { summariseProvenance, type ProvenanceSummary } from '../engine/provenance/summary';
import type { Raster } from '../engine/image';
import { fetchRaster, type DecodeTiming, type DecoderChoice } from './decode';

/** `raw` returns the decoded raster itself (benchmarks and the decode test), `decoder` picks the path. */
export type DecodeRequest = { id: number; url: string; role: 'query' | 'gallery'; raw?: boolean; decoder?: DecoderChoice };
export type DecodeReply =
  | { id: number; ok: true; prepared?: PreparedImage; raster?: Raster; provenance?: ProvenanceSummary | null; timing: DecodeTiming }
  | { id: number; ok: false; error: string };

/**
 * Per feed picture: metadata sits near the start and a C2PA check of the corpus's largest file takes ~90 ms, so
 * 250 ms leaves room on a busy machine without letting a hostile file hold the worker (past it, a C2PA binding is
 * 'unverified', never AI). Bytes: every picture the fetch accepted (MAX_PICTURE_BYTES, 40 MB) is read up to 32 MB.
 */
const PROVENANCE_LIMITS = { maxMs: 250, maxBytes: 32 * 1024 * 1024 };

// Compile the crop and hash loops before the first picture arrives, as the model host warms up its model.
prepareImage({ data: new Uint8ClampedArray(400 * 300 * 4).fill(200), width: 400, height: 300, channels: 4 }, 'query');

self.onmessage = async (e: MessageEvent<DecodeRequest>) => {
  const { id, url, role, raw, decoder } = e.data;
  try {
    const timing: DecodeTiming = { fetch: 0, decode: 0, prepare: 0 };
    const { raster, bytes } = await fetchRaster(url, role, timing, decoder);
    if (raw) return self.postMessage({ id, ok: true, raster, timing } satisfies DecodeReply);
    const t = performance.now();
    const prepared = prepareImage(raster, role);
    timing.prepare = performance.now() - t;
    // Only feed pictures: the gallery's works are the artist's own (their import reads it separately).
    const provenance = role === 'query' ? summariseProvenance(await readProvenance(bytes, PROVENANCE_LIMITS)) : null;
    const transfer = prepared.crops.map((c) => c.data.buffer as ArrayBuffer);
    self.postMessage({ id, ok: true, prepared, provenance, timing } satisfies DecodeReply, { transfer });
  } catch (err) {
    self.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies DecodeReply);
  }
};
