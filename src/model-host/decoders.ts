// A pool of decode workers (decode-worker.ts): a picture is decoded, cropped and hashed off the thread that runs
// the model, so the two overlap on a 2-core machine. Requests go to the least busy worker. Firefox's event page
// runs one pool (local-pictures.ts), Chrome's model frame another (frame-pictures.ts); each says how its workers
// are started.
import type { Box, Raster } from '../engine/image';
import type { Keypoints } from '../engine/keypoints';
import type { Zoom } from '../engine/zoom';
import type { PreparedImage } from '../engine/prepare';
import type { DecodeReply, DecodeRequest } from './decode-worker';
import type { DecodeTiming, DecoderChoice } from './decode';
import type { ProvenanceSummary } from '../engine/provenance/summary';

const POOL = 2;
/** Which worker decoded a recent feed picture: it keeps its keypoint plane (KEPT there), so the second stage asks that one. */
const REMEMBERED = 128;

interface Slot { worker: Worker; pending: Map<number, (r: DecodeReply) => void> }

export type PreparedPicture = PreparedImage & { provenance?: ProvenanceSummary | null };
/** Which half of a feed picture's keypoints (decode-worker.ts `levels`): its levels from 1, or level 0 with the zooms. */
export type KeypointPart = 'coarse' | 'fine';
/**
 * A picture's keypoints: all levels unless `part` says which half; `zoomed`, with the coarse half: it has zooms;
 * `pictures`: the pictures found in a feed picture (engine/zoom.ts pictureBoxes), known while its plane is kept.
 */
export interface PostKeypoints { keypoints: Keypoints; zooms: Zoom[]; part?: KeypointPart; zoomed?: boolean; pictures?: Box[] }

/**
 * `bytes`: the picture, already fetched, handed over to the worker (transferred); without them the worker fetches
 * `url` itself (Firefox). `frame`: with the bytes, the picture already decoded (transferred; decode.ts
 * scaledJpegFrame). `noProvenance`: the caller reads a feed picture's provenance itself.
 */
export interface Decoders {
  prepare(url: string, role: 'query' | 'gallery', options?: { bytes?: Uint8Array; frame?: VideoFrame | null; timing?: DecodeTiming; noProvenance?: boolean }): Promise<PreparedPicture>;
  /** Local keypoints (engine/keypoints.ts); `keptOnly`: null unless the worker still holds the picture's keypoint plane. */
  keypoints(url: string, kind: 'query' | 'gallery', options?: { bytes?: Uint8Array; frame?: VideoFrame | null; keptOnly?: boolean; levels?: KeypointPart; tile?: number }): Promise<PostKeypoints | null>;
  raster(url: string, options?: { bytes?: Uint8Array; frame?: VideoFrame | null; decoder?: DecoderChoice }): Promise<Raster>;
}

/** The picture sent with a request: its bytes, and its decoded frame only beside them (the worker's fallback). */
const picture = (bytes?: Uint8Array, frame?: VideoFrame | null) => (bytes ? { bytes, ...(frame ? { frame } : {}) } : {});

export function createDecoders(spawn: () => Worker): Decoders {
  let slots: Slot[] | undefined;
  let nextId = 1;
  const decodedBy = new Map<string, Slot>();

  const pool = (): Slot[] => {
    slots ??= Array.from({ length: POOL }, () => {
      const slot: Slot = { worker: spawn(), pending: new Map() };
      slot.worker.onmessage = (e: MessageEvent<DecodeReply>) => {
        slot.pending.get(e.data.id)?.(e.data);
        slot.pending.delete(e.data.id);
      };
      return slot;
    });
    return slots;
  };

  const ask = (req: Omit<DecodeRequest, 'id'>, prefer?: Slot): Promise<DecodeReply & { ok: true }> => {
    const slot = prefer ?? pool().reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    // The worker keeps what it decodes of a feed picture (for a half of its keypoints too): later asks go there.
    if (req.role === 'query' && req.url && !req.raw && (!req.keypoints || req.levels)) {
      decodedBy.delete(req.url);
      decodedBy.set(req.url, slot);
      while (decodedBy.size > REMEMBERED) decodedBy.delete(decodedBy.keys().next().value!);
    }
    const id = nextId++;
    return new Promise((resolve, reject) => {
      slot.pending.set(id, (r) => (r.ok ? resolve(r) : reject(new Error(r.error))));
      // The bytes go to the worker (transferred): the caller's copy is no longer needed once it has them.
      const transfer: Transferable[] = req.bytes ? [req.bytes.buffer as ArrayBuffer] : [];
      if (req.frame) transfer.push(req.frame);
      slot.worker.postMessage({ ...req, id } satisfies DecodeRequest, transfer);
    });
  };

  return {
    async prepare(url, role, { bytes, frame, timing, noProvenance } = {}) {
      const reply = await ask({ url, role, ...picture(bytes, frame), ...(noProvenance ? { noProvenance } : {}) });
      if (timing) Object.assign(timing, { ...reply.timing, ...(bytes ? { fetch: timing.fetch } : {}) });
      return { ...reply.prepared!, provenance: reply.provenance };
    },
    async keypoints(url, kind, { bytes, frame, keptOnly, levels, tile } = {}) {
      const reply = await ask({ url, role: 'query', keypoints: kind, ...picture(bytes, frame), ...(keptOnly ? { keptOnly } : {}), ...(levels ? { levels } : {}), ...(tile !== undefined ? { tile } : {}) }, decodedBy.get(url));
      if (reply.missing) return null;
      return {
        keypoints: reply.keypoints!, zooms: reply.zooms ?? [], ...(reply.part ? { part: reply.part } : {}), ...(reply.zoomed !== undefined ? { zoomed: reply.zoomed } : {}),
        ...(reply.pictures ? { pictures: reply.pictures } : {}),
      };
    },
    async raster(url, { bytes, frame, decoder } = {}) {
      return (await ask({ url, role: 'query', raw: true, ...picture(bytes, frame), ...(decoder ? { decoder } : {}) })).raster!;
    },
  };
}
