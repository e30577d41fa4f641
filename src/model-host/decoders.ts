// The model host's pool of decode workers: a picture is fetched, decoded, cropped and hashed off the thread
// that runs the model, so the two overlap on a 2-core machine. Requests go to the least busy worker.
import type { Raster } from '../engine/image';
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

function ask(req: Omit<DecodeRequest, 'id'>): Promise<DecodeReply & { ok: true }> {
  const slot = pool().reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
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

export async function rasterOf(url: string): Promise<Raster> {
  return (await ask({ url, role: 'query', raw: true })).raster!;
}
