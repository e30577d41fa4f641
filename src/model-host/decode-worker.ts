// A worker beside the model: fetch, decode, crop and hash happen here, on the other core, while the host's
// thread runs the model. Replies transfer the crops' buffers instead of copying them. A feed picture's provenance
// (C2PA, TC260, IPTC, generators' metadata) is read here from the bytes already fetched, within PROVENANCE_LIMITS.
import { prepareImage, type PreparedImage } from '../engine/prepare';
import { readProvenance } from '../engine/provenance/index';
import { summariseProvenance, type ProvenanceSummary } from '../engine/provenance/summary';
import type { Raster } from '../engine/image';
import { fetchRaster, type DecodeTiming, type DecoderChoice } from './decode';
import { GALLERY_KEYPOINTS, QUERY_KEYPOINTS, keypoints, type Keypoints } from '../engine/keypoints';

/**
 * `raw` returns the decoded raster itself (benchmarks and the decode test), `decoder` picks the path,
 * `keypoints` returns the picture's local keypoints for the second stage instead (model-host/verify.ts).
 */
export type DecodeRequest = { id: number; url: string; role: 'query' | 'gallery'; raw?: boolean; decoder?: DecoderChoice; keypoints?: 'query' | 'gallery' };
export type DecodeReply =
  | { id: number; ok: true; prepared?: PreparedImage; raster?: Raster; keypoints?: Keypoints; provenance?: ProvenanceSummary | null; timing: DecodeTiming }
  | { id: number; ok: false; error: string };

/**
 * Per feed picture: metadata sits near the start and a C2PA check of the corpus's largest file takes ~90 ms, so
 * 250 ms leaves room on a busy machine without letting a hostile file hold the worker (past it, a C2PA binding is
 * 'unverified', never AI). Bytes: every picture the fetch accepted (MAX_PICTURE_BYTES, 40 MB) is read up to 32 MB.
 */
const PROVENANCE_LIMITS = { maxMs: 250, maxBytes: 32 * 1024 * 1024 };

/**
 * The last feed pictures' rasters (~1 MB each): the second stage asks for a picture's keypoints right after its
 * signals, and the platform's picture must not be fetched twice.
 */
const RECENT = 6;
const recent = new Map<string, Raster>();

async function keypointsOf(url: string, kind: 'query' | 'gallery'): Promise<Keypoints> {
  const raster = recent.get(url) ?? (await fetchRaster(url, 'query')).raster;
  return keypoints(raster, kind === 'query' ? QUERY_KEYPOINTS : GALLERY_KEYPOINTS);
}

// Compile the crop and hash loops before the first picture arrives, as the model host warms up its model.
prepareImage({ data: new Uint8ClampedArray(400 * 300 * 4).fill(200), width: 400, height: 300, channels: 4 }, 'query');

self.onmessage = async (e: MessageEvent<DecodeRequest>) => {
  const { id, url, role, raw, decoder } = e.data;
  try {
    const timing: DecodeTiming = { fetch: 0, decode: 0, prepare: 0 };
    if (e.data.keypoints) {
      const k = await keypointsOf(url, e.data.keypoints);
      return self.postMessage({ id, ok: true, keypoints: k, timing } satisfies DecodeReply, { transfer: [k.x, k.y, k.scale, k.angle, k.desc].map((a) => a.buffer as ArrayBuffer) });
    }
    const { raster, bytes } = await fetchRaster(url, role, timing, decoder);
    if (raw) return self.postMessage({ id, ok: true, raster, timing } satisfies DecodeReply);
    const t = performance.now();
    const prepared = prepareImage(raster, role);
    if (role === 'query') {
      recent.delete(url);
      recent.set(url, raster);
      while (recent.size > RECENT) recent.delete(recent.keys().next().value!);
    }
    timing.prepare = performance.now() - t;
    // Only feed pictures: the gallery's works are the artist's own (their import reads it separately).
    const provenance = role === 'query' ? summariseProvenance(await readProvenance(bytes, PROVENANCE_LIMITS)) : null;
    const transfer = prepared.crops.map((c) => c.data.buffer as ArrayBuffer);
    self.postMessage({ id, ok: true, prepared, provenance, timing } satisfies DecodeReply, { transfer });
  } catch (err) {
    self.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies DecodeReply);
  }
};
