// The model host's pool of decode workers: a picture is fetched, decoded, cropped and hashed off the thread
// that runs the model, so the two overlap on a 2-core machine. Requests go to the least busy worker.
import type { Raster } from '../engine/image';
import type { Keypoints } from '../engine/keypoints';
import type { Zoom } from '../engine/zoom';
import type { PreparedImage } from '../engine/prepare';
import type { DecodeReply, DecodeRequest } from './decode-worker';
import type { DecodeTiming } from './decode';
import type { ProvenanceSummary } from '../engine/provenance/summary';

const POOL = 2;

interface Slot { worker: Worker; pending: Map<number, (r: DecodeReply) => void> }

let slots: Slot[] | undefined;
let nextId = 1;

function pool(): Slot[] {
  slots ??= Array.from({ length: POOL }, () => {
    const slot: Slot = { worker: new Worker(new URL('./decode-worker.ts', import.meta.url), { type: 'module' }), pending: new Map() };
    slot.worker.onmessage = (e: MessageEvent<DecodeReply>) => {
      slot.pending.get(e.data.id)?.(e.data);
      slot.pending.delete(e.data.id);
    };
    return slot;
  });
  return slots;
}

/** Which worker decoded a recent feed picture: it keeps the raster, so the second stage asks that one. */
const decodedBy = new Map<string, Slot>();
const REMEMBERED = 32;

function ask(req: Omit<DecodeRequest, 'id'>, prefer?: Slot): Promise<DecodeReply & { ok: true }> {
  const slot = prefer ?? pool().reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
  if (req.role === 'query' && !req.raw && !req.keypoints) {
    decodedBy.delete(req.url);
    decodedBy.set(req.url, slot);
    while (decodedBy.size > REMEMBERED) decodedBy.delete(decodedBy.keys().next().value!);
  }
  const id = nextId++;
  return new Promise((resolve, reject) => {
    slot.pending.set(id, (r) => (r.ok ? resolve(r) : reject(new Error(r.error))));
    slot.worker.postMessage({ ...req, id } satisfies DecodeRequest);
  });
}

export async function prepareUrl(url: string, role: 'query' | 'gallery', timing?: DecodeTiming): Promise<PreparedImage & { provenance?: ProvenanceSummary | null }> {
  const reply = await ask({ url, role });
  if (timing) Object.assign(timing, reply.timing);
  return { ...reply.prepared!, provenance: reply.provenance };
}

/** Local keypoints of a picture (engine/keypoints.ts), from the raster its worker kept when it was decoded. */
export async function keypointsOf(url: string, kind: 'query' | 'gallery'): Promise<Keypoints> {
  return (await ask({ url, role: 'query', keypoints: kind }, decodedBy.get(url))).keypoints!;
}

/** A feed picture's keypoints and its zooms' (engine/zoom.ts), for the second stage. */
export async function postKeypointsOf(url: string): Promise<{ keypoints: Keypoints; zooms: Zoom[] }> {
  const reply = await ask({ url, role: 'query', keypoints: 'query' }, decodedBy.get(url));
  return { keypoints: reply.keypoints!, zooms: reply.zooms ?? [] };
}

export async function rasterOf(url: string): Promise<Raster> {
  return (await ask({ url, role: 'query', raw: true })).raster!;
}
