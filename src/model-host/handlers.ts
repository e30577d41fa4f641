// The model host: loads MobileNet once, has pictures fetched and decoded, returns plain number arrays. Runs in the
// offscreen document (Chrome) or the event page (Firefox), each handing it where its pictures are made
// (framed-pictures.ts, local-pictures.ts). May import src/ml and shared types.
import type { Embedder } from '../ml/embedder';
import type { WireSignals } from '../shared/types';
import type { Handlers } from '../shared/messaging';
import { runBench } from './bench';
import type { PictureHost, PictureSignals } from './pictures';
import { verifyWorks } from './verify';

const log: string[] = [];
/** A line for model/ping's log (kept short: the host lives for hours). */
export function logHost(line: string): void {
  log.push(line);
  if (log.length > 50) log.shift();
}

const wire = (s: PictureSignals): WireSignals => ({
  hashes: s.hashes.map((h) => Array.from(h)),
  hashQuality: s.hashQuality,
  vectors: s.vectors.map((v) => Array.from(v)),
  style: Array.from(s.style),
  kinds: s.kinds,
  ...(s.screen ? { screen: { ...s.screen, data: Array.from(s.screen.data) } } : {}),
  ...(s.thumb ? { thumb: { ...s.thumb, data: Array.from(s.thumb.data) } } : {}),
});

export function modelHostHandlers(pictures: PictureHost): Handlers<'model-host'> {
  let readyMs = 0;
  let embedder: Promise<Embedder> | undefined;
  const getEmbedder = (): Promise<Embedder> => (embedder ??= pictures.model().then((e) => {
    readyMs = performance.now();
    log.push(`model ready on ${e.backend} ${readyMs.toFixed(0)} ms after the host started`);
    return e;
  }));
  return {
    'model/signals': async ({ url, role }) => {
      // The model is loaded beside the picture, not after it: model/ping reports when it was ready.
      const [, s] = await Promise.all([getEmbedder(), pictures.signals(url, role)]);
      return s.provenance ? { ...wire(s), provenance: s.provenance } : wire(s);
    },
    'model/verify': ({ url, works, mirror, tile, screen }) => verifyWorks(pictures, url, works, { mirror: mirror === true, tile, screen: screen === true }),
    // npm run bench:perf only; not built into release builds (build-flags.d.ts).
    ...(__INKSEAL_BENCH__ ? {
      'model/bench': async (req) => runBench(await getEmbedder(), pictures, req),
    } satisfies Pick<Handlers<'model-host'>, 'model/bench'> : {}),
    'model/ping': async () => {
      const model = await getEmbedder();
      const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
      return { backend: model.backend, numTensors: model.numTensors(), readyMs, heapMB: (memory?.usedJSHeapSize ?? 0) / 2 ** 20, log: [...log] };
    },
  };
}
