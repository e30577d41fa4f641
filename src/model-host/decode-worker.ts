// A worker beside the model: fetch, decode, crop and hash happen here, on the other core, while the host's
// thread runs the model. Replies transfer the crops' buffers instead of copying them.
import { prepareImage, type PreparedImage } from '../engine/prepare';
import type { Raster } from '../engine/image';
import { fetchRaster } from './decode';

export type DecodeRequest = { id: number; url: string; role: 'query' | 'gallery'; raw?: boolean };
export type DecodeReply =
  | { id: number; ok: true; prepared?: PreparedImage; raster?: Raster }
  | { id: number; ok: false; error: string };

self.onmessage = async (e: MessageEvent<DecodeRequest>) => {
  const { id, url, role, raw } = e.data;
  try {
    const raster = await fetchRaster(url);
    if (raw) return self.postMessage({ id, ok: true, raster } satisfies DecodeReply);
    const prepared = prepareImage(raster, role);
    const transfer = prepared.crops.map((c) => c.data.buffer as ArrayBuffer);
    self.postMessage({ id, ok: true, prepared } satisfies DecodeReply, { transfer });
  } catch (err) {
    self.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies DecodeReply);
  }
};
