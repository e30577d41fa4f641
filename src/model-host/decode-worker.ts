// A worker beside the model: fetch, decode, crop and hash happen here, on the other core, while the host's
// thread runs the model. Replies transfer the crops' buffers instead of copying them.
import { prepareImage, type PreparedImage } from '../engine/prepare';
import type { Raster } from '../engine/image';
import { fetchRaster, type DecodeTiming, type DecoderChoice } from './decode';

/** `raw` returns the decoded raster itself (benchmarks and the decode test), `decoder` picks the path. */
export type DecodeRequest = { id: number; url: string; role: 'query' | 'gallery'; raw?: boolean; decoder?: DecoderChoice };
export type DecodeReply =
  | { id: number; ok: true; prepared?: PreparedImage; raster?: Raster; timing: DecodeTiming }
  | { id: number; ok: false; error: string };

// Compile the crop and hash loops before the first picture arrives, as the model host warms up its model.
prepareImage({ data: new Uint8ClampedArray(400 * 300 * 4).fill(200), width: 400, height: 300, channels: 4 }, 'query');

self.onmessage = async (e: MessageEvent<DecodeRequest>) => {
  const { id, url, role, raw, decoder } = e.data;
  try {
    const timing: DecodeTiming = { fetch: 0, decode: 0, prepare: 0 };
    const raster = await fetchRaster(url, role, timing, decoder);
    if (raw) return self.postMessage({ id, ok: true, raster, timing } satisfies DecodeReply);
    const t = performance.now();
    const prepared = prepareImage(raster, role);
    timing.prepare = performance.now() - t;
    const transfer = prepared.crops.map((c) => c.data.buffer as ArrayBuffer);
    self.postMessage({ id, ok: true, prepared, timing } satisfies DecodeReply, { transfer });
  } catch (err) {
    self.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies DecodeReply);
  }
};
