// The model host: loads MobileNet once, fetches and decodes images itself, returns plain number arrays.
// Runs in the offscreen document (Chrome) or the event page (Firefox). May import src/ml and shared types.
import browser from 'webextension-polyfill';
import { createEmbedder, type Embedder } from '../ml/embedder';
import { ANALYSIS_SIDE, computeSignals, type ImageSignals } from '../ml/signals';
import type { Raster } from '../engine/image';
import type { WireSignals } from '../shared/types';
import type { Handlers } from '../shared/messaging';
import { runBench } from './bench';

const log: string[] = [];
let readyMs = 0;
let embedder: Promise<Embedder> | undefined;

function getEmbedder(): Promise<Embedder> {
  embedder ??= createEmbedder({
    model: browser.runtime.getURL('model/model.json'),
    wasmPath: browser.runtime.getURL('wasm/'),
  }).then((e) => {
    readyMs = performance.now();
    log.push(`model ready on ${e.backend} ${readyMs.toFixed(0)} ms after the host started`);
    return e;
  });
  return embedder;
}

/** Largest encoded image we accept; beyond this a feed image is not a feed image. */
const MAX_BYTES = 40 * 1024 * 1024;

/** Longest edge accepted from a server before we refuse to decode (a decompression-bomb guard). */
const MAX_SIDE = 20_000;

/** Fetches and decodes to a raster no larger than ANALYSIS_SIDE, the size every signal is computed from. */
async function decode(url: string): Promise<Raster> {
  // credentials 'omit': the artist's cookies never ride along; the host permission lifts CORS for us.
  const res = await fetch(url, { credentials: 'omit', referrerPolicy: 'no-referrer' });
  if (!res.ok) throw new Error(`image fetch failed: HTTP ${res.status}`);
  const blob = await res.blob();
  if (blob.size > MAX_BYTES) throw new Error('image too large');
  // One decode (off the main thread in Chromium), then one scaled draw.
  const bitmap = await createImageBitmap(blob).catch(() => { throw new Error('not a decodable image'); });
  const { width, height } = bitmap;
  if (width > MAX_SIDE || height > MAX_SIDE) {
    bitmap.close();
    throw new Error('image dimensions too large');
  }
  const k = Math.min(1, ANALYSIS_SIDE / Math.max(width, height));
  const w = Math.max(1, Math.round(width * k));
  const h = Math.max(1, Math.round(height * k));
  const canvas = new OffscreenCanvas(w, h);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('no 2d context');
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, 0, 0, w, h);
  bitmap.close();
  return { data: ctx.getImageData(0, 0, w, h).data, width: w, height: h, channels: 4 };
}

const wire = (s: ImageSignals): WireSignals => ({
  hashes: s.hashes.map((h) => Array.from(h)),
  hashQuality: s.hashQuality,
  vectors: s.vectors.map((v) => Array.from(v)),
  style: Array.from(s.style),
});

export const modelHostHandlers: Handlers<'model-host'> = {
  'model/signals': async ({ url, role }) => {
    const [model, raster] = await Promise.all([getEmbedder(), decode(url)]);
    return wire(await computeSignals(model, raster, role));
  },
  'model/bench': async (req) => runBench(await getEmbedder(), decode, req),
  'model/ping': async () => {
    const model = await getEmbedder();
    return { backend: model.backend, numTensors: model.numTensors(), readyMs, log: [...log] };
  },
};
