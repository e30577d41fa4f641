// A worker beside the model: fetch, decode, crop and hash happen here, on the other core, while the host's
// thread runs the model. Replies transfer the crops' buffers instead of copying them. A feed picture's provenance
// (C2PA, TC260, IPTC, generators' metadata) is read here from the bytes already fetched, within PROVENANCE_LIMITS.
import { prepareImage, type PreparedImage } from '../engine/prepare';
import { readProvenance } from '../engine/provenance/index';
import { summariseProvenance, type ProvenanceSummary } from '../engine/provenance/summary';
import type { Raster } from '../engine/image';
import { fetchRaster, zoomRasters, type DecodeTiming, type DecoderChoice } from './decode';
import { GALLERY_KEYPOINTS, QUERY_KEYPOINTS, keypoints, type Keypoints } from '../engine/keypoints';
import { imageSize } from '../engine/image-size';
import { zoomBoxes, type Zoom } from '../engine/zoom';
import type { Box } from '../engine/image';

/**
 * `raw` returns the decoded raster itself (benchmarks and the decode test), `decoder` picks the path,
 * `keypoints` returns the picture's local keypoints for the second stage instead (model-host/verify.ts).
 */
export type DecodeRequest = { id: number; url: string; role: 'query' | 'gallery'; raw?: boolean; decoder?: DecoderChoice; keypoints?: 'query' | 'gallery' };
export type DecodeReply =
  | { id: number; ok: true; prepared?: PreparedImage; raster?: Raster; keypoints?: Keypoints; zooms?: Zoom[]; provenance?: ProvenanceSummary | null; timing: DecodeTiming }
  | { id: number; ok: false; error: string };

/**
 * Per feed picture: metadata sits near the start and a C2PA check of the corpus's largest file takes ~90 ms, so
 * 250 ms leaves room on a busy machine without letting a hostile file hold the worker (past it, a C2PA binding is
 * 'unverified', never AI). Bytes: every picture the fetch accepted (MAX_PICTURE_BYTES, 40 MB) is read up to 32 MB.
 */
const PROVENANCE_LIMITS = { maxMs: 250, maxBytes: 32 * 1024 * 1024 };

/**
 * The last feed pictures' rasters (~1 MB each), bytes and zoom boxes (engine/zoom.ts): the second stage asks for a
 * picture's keypoints right after its signals, and the platform's picture must not be fetched twice.
 */
const RECENT = 6;
const recent = new Map<string, { raster: Raster; bytes?: Uint8Array; zooms: Box[] }>();

async function keypointsOf(url: string, kind: 'query' | 'gallery'): Promise<{ keypoints: Keypoints; zooms: Zoom[] }> {
  const kept = recent.get(url);
  const raster = kept?.raster ?? (await fetchRaster(url, 'query')).raster;
  if (kind === 'gallery') return { keypoints: keypoints(raster, GALLERY_KEYPOINTS), zooms: [] };
  const boxes = kept?.zooms ?? [];
  // A zoom that fails to decode only loses the closer look: the post's own keypoints still go.
  const zoomed = kept?.bytes ? await zoomRasters(kept.bytes, boxes).catch((): Raster[] => []) : [];
  return {
    keypoints: keypoints(raster, QUERY_KEYPOINTS),
    zooms: zoomed.map((r, i) => ({ box: boxes[i]!, keypoints: keypoints(r, QUERY_KEYPOINTS) })),
  };
}

/** The posted picture's upright size, from its header (sides swapped when the raster's orientation says so). */
function uprightSize(bytes: Uint8Array, raster: Raster) {
  const size = imageSize(bytes);
  if (!size) return { width: raster.width, height: raster.height };
  return (size.width > size.height) === (raster.width > raster.height) ? size : { width: size.height, height: size.width };
}

// Compile the crop and hash loops before the first picture arrives, as the model host warms up its model.
prepareImage({ data: new Uint8ClampedArray(400 * 300 * 4).fill(200), width: 400, height: 300, channels: 4 }, 'query');

self.onmessage = async (e: MessageEvent<DecodeRequest>) => {
  const { id, url, role, raw, decoder } = e.data;
  try {
    const timing: DecodeTiming = { fetch: 0, decode: 0, prepare: 0 };
    if (e.data.keypoints) {
      const { keypoints: k, zooms } = await keypointsOf(url, e.data.keypoints);
      const buffers = (p: Keypoints) => [p.x, p.y, p.scale, p.angle, p.desc].map((a) => a.buffer as ArrayBuffer);
      return self.postMessage({ id, ok: true, keypoints: k, zooms, timing } satisfies DecodeReply, { transfer: [k, ...zooms.map((z) => z.keypoints)].flatMap(buffers) });
    }
    const { raster, bytes } = await fetchRaster(url, role, timing, decoder);
    if (raw) return self.postMessage({ id, ok: true, raster, timing } satisfies DecodeReply);
    const t = performance.now();
    const prepared = prepareImage(raster, role);
    if (role === 'query') {
      recent.delete(url);
      // The bytes are kept only for a picture with zooms (most have none): a feed picture may be megabytes.
      const zooms = zoomBoxes(prepared.regions, raster, uprightSize(bytes, raster));
      recent.set(url, { raster, zooms, ...(zooms.length ? { bytes } : {}) });
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
