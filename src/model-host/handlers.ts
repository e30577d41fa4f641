// The model host: loads MobileNet once, fetches and decodes images itself, returns plain number arrays.
// Runs in the offscreen document (Chrome) or the event page (Firefox). May import src/ml and shared types.
import browser from 'webextension-polyfill';
import type { Embedder } from '../ml/embedder';
import { embedPrepared, type ImageSignals } from '../ml/signals';
import { prepareUrl } from './decoders';
import type { WireSignals } from '../shared/types';
import type { Handlers } from '../shared/messaging';
import { runBench } from './bench';
import { verifyWorks } from './verify';

const log: string[] = [];
/** A line for model/ping's log (kept short: the host lives for hours). */
export function logHost(line: string): void {
  log.push(line);
  if (log.length > 50) log.shift();
}
let readyMs = 0;
let embedder: Promise<Embedder> | undefined;
/** The shipped model and wasm binaries, as this document loads them. */
const shippedModel = () => ({ model: browser.runtime.getURL('model/model.json'), wasmPath: browser.runtime.getURL('wasm/') });
// Loaded on first use: Chrome's offscreen document replaces this with the sandboxed frame's model
// (runModelWith), so its bundle should not carry TensorFlow.js at all.
let makeEmbedder = async (): Promise<Embedder> => (await import('../ml/embedder')).createEmbedder(shippedModel());

/** Where the model runs, when not in this document (Chrome: a frame in a process of its own, framed-embedder.ts). */
export function runModelWith(make: () => Promise<Embedder>): void {
  makeEmbedder = make;
}

function getEmbedder(): Promise<Embedder> {
  embedder ??= makeEmbedder().then((e) => {
    readyMs = performance.now();
    log.push(`model ready on ${e.backend} ${readyMs.toFixed(0)} ms after the host started`);
    return e;
  });
  return embedder;
}

const wire = (s: ImageSignals): WireSignals => ({
  hashes: s.hashes.map((h) => Array.from(h)),
  hashQuality: s.hashQuality,
  vectors: s.vectors.map((v) => Array.from(v)),
  style: Array.from(s.style),
  kinds: s.regions.map((r) => r.kind ?? 'whole'),
});

export const modelHostHandlers: Handlers<'model-host'> = {
  'model/signals': async ({ url, role }) => {
    const [model, prepared] = await Promise.all([getEmbedder(), prepareUrl(url, role)]);
    const signals = wire(await embedPrepared(model, prepared));
    return prepared.provenance ? { ...signals, provenance: prepared.provenance } : signals;
  },
  'model/verify': ({ url, works }) => verifyWorks(url, works),
  // npm run bench:perf only; not built into release builds (build-flags.d.ts).
  ...(__INKSEAL_BENCH__ ? {
    'model/bench': async (req) => runBench(await getEmbedder(), req, shippedModel()),
  } satisfies Pick<Handlers<'model-host'>, 'model/bench'> : {}),
  'model/ping': async () => {
    const model = await getEmbedder();
    const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
    return { backend: model.backend, numTensors: model.numTensors(), readyMs, heapMB: (memory?.usedJSHeapSize ?? 0) / 2 ** 20, log: [...log] };
  },
};
