// The model frame's half of Chrome's pictures (framed-pictures.ts has the other): the bytes the offscreen document
// fetched are decoded and prepared by decode workers started here (a JPEG decoded by WebCodecs on this thread
// first, as those workers have none), and their provenance read, all in this sandboxed frame's process, not the
// extension's. The frame's origin is opaque, so a worker from an extension URL
// would not load: Vite inlines the bundled worker, which is started from a blob: URL (the sandbox CSP's worker-src).
import type { Embedder } from '../ml/embedder';
import { embedPrepared } from '../ml/signals';
import { keypointBuffers } from '../engine/keypoints';
import { createDecoders } from './decoders';
import type { FrameRequest, FrameValues } from './frame-protocol';
import { pictureSignals } from './pictures';
import { provenanceOf } from './picture-provenance';
import { scaledJpegFrame } from './decode';
import DecodeWorker from './decode-worker.ts?worker&inline';

const decoders = createDecoders(() => new DecodeWorker({ name: 'inkseal-decode' }));

type Reply<V> = { value: V; transfer: ArrayBuffer[] };

/**
 * Decoded and prepared in a worker while the model loads; then embedded here. A feed picture's provenance is read
 * on this thread, which has WebCrypto (picture-provenance.ts): the worker is sent a copy of the bytes.
 */
export async function picture(req: FrameRequest & { op: 'picture' }, model: Promise<Embedder>): Promise<Reply<FrameValues['picture']>> {
  const timing = { fetch: 0, decode: 0, prepare: 0 };
  const reading = req.role === 'query' ? provenanceOf(req.bytes) : Promise.resolve(null);
  // Awaited after the decode: a picture the decoder refuses is refused for that (too large, unreadable), whatever
  // its metadata reading did.
  reading.catch(() => undefined);
  // A JPEG is decoded here, where WebCodecs is, and the frame handed to the worker with the bytes (decode.ts).
  const t0 = performance.now();
  const frame = await scaledJpegFrame(req.bytes, req.role);
  const decodedHere = performance.now() - t0;
  const [m, prepared] = await Promise.all([model, decoders.prepare(req.key, req.role, { bytes: req.bytes.slice(), frame, timing, noProvenance: true })]);
  timing.decode += decodedHere;
  const provenance = await reading;
  const value = { ...pictureSignals(await embedPrepared(m, prepared), provenance), timing };
  return { value, transfer: [...new Set([...value.hashes, ...value.vectors, value.style].map((a) => a.buffer as ArrayBuffer))] };
}

export async function keypoints(req: FrameRequest & { op: 'keypoints' }): Promise<Reply<FrameValues['keypoints']>> {
  const frame = req.bytes ? await scaledJpegFrame(req.bytes, 'query') : null;
  const found = await decoders.keypoints(req.key, req.kind, { ...(req.bytes ? { bytes: req.bytes, frame } : { keptOnly: true }), ...(req.levels ? { levels: req.levels } : {}), ...(req.tile !== undefined ? { tile: req.tile } : {}) });
  if (!found) return { value: { missing: true }, transfer: [] };
  return { value: found, transfer: [found.keypoints, ...found.zooms.map((z) => z.keypoints)].flatMap(keypointBuffers) };
}

export async function raster(req: FrameRequest & { op: 'raster' }): Promise<Reply<FrameValues['raster']>> {
  const frame = req.decoder === 'canvas' ? null : await scaledJpegFrame(req.bytes, 'query');
  const value = await decoders.raster('', { bytes: req.bytes, frame, decoder: req.decoder });
  return { value, transfer: [value.data.buffer as ArrayBuffer] };
}
