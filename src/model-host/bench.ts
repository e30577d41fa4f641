// Diagnostics the perf benchmark asks the model host for (npm run bench:perf): timings measured where the
// model really runs. Never called by the product itself.
import { GalleryMatcher } from '../engine/matcher';
import { l2normalize, seededRandom } from '../engine/vectors';
import { INPUT_SIZE } from '../ml/preprocess';
import { computeSignals, embedPrepared } from '../ml/signals';
import type { PreparedImage } from '../engine/prepare';
import { prepareUrl, rasterOf } from './decoders';
import type { Embedder } from '../ml/embedder';
import type { Raster } from '../engine/image';
import type { BenchReport, BenchRequest, Percentiles } from '../shared/types';

function percentiles(ms: number[]): Percentiles {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95), n: s.length };
}

function noise(seed: number): Raster {
  const r = seededRandom(seed);
  const data = new Uint8Array(INPUT_SIZE * INPUT_SIZE * 3).map(() => r() * 255);
  return { data, width: INPUT_SIZE, height: INPUT_SIZE, channels: 3 };
}

async function timed<T>(f: () => Promise<T>): Promise<number> {
  const t = performance.now();
  await f();
  return performance.now() - t;
}

/** A gallery of synthetic works holding `vectors` vectors (16 per work, as real works have). */
function syntheticGallery(vectors: number, perWork: number, styleDim: number): GalleryMatcher {
  const r = seededRandom(vectors);
  const vec = (dim = 256) => l2normalize(Float32Array.from({ length: dim }, () => Math.max(0, r() - 0.3)));
  const m = new GalleryMatcher();
  for (let i = 0; i < vectors / perWork; i++) {
    const hash = Uint32Array.from({ length: 8 }, () => (r() * 2 ** 32) >>> 0);
    m.add({ id: `w${i}`, hash, hashQuality: 100, vectors: Array.from({ length: perWork }, () => vec()), style: vec(styleDim) });
  }
  return m;
}

const heapMB = () => {
  // Collect first when the browser allows it (--js-flags=--expose-gc): otherwise garbage blurs the figure.
  (globalThis as unknown as { gc?: () => void }).gc?.();
  return ((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0) / 2 ** 20;
};

export async function runBench(embedder: Embedder, req: BenchRequest): Promise<BenchReport> {
  const one = noise(1);
  const batch = Array.from({ length: 8 }, (_, i) => noise(i + 2));
  const embed1: number[] = [];
  const embedBatch: number[] = [];
  for (let i = 0; i < req.passes; i++) embed1.push(await timed(() => embedder.embed([one])));
  for (let i = 0; i < Math.ceil(req.passes / 8); i++) embedBatch.push((await timed(() => embedder.embed(batch))) / batch.length);

  // One image at a time, so each figure is that image's latency (in the product, the worker's half of the
  // next image overlaps the model's half of this one).
  const decodeMs: number[] = [];
  const signalsMs: number[] = [];
  const allSignals: number[] = [];
  const rasters: Raster[] = [];
  for (const url of req.urls) {
    rasters.push(await rasterOf(url));
    let prepared: PreparedImage | undefined;
    const t = performance.now();
    decodeMs.push(await timed(async () => { prepared = await prepareUrl(url, 'query'); }));
    signalsMs.push(await timed(() => embedPrepared(embedder, prepared!)));
    allSignals.push(performance.now() - t);
  }

  const query = await computeSignals(embedder, rasters[0] ?? one, 'query');
  const matching = req.galleries.map((vectors) => {
    const m = syntheticGallery(vectors, 16, query.style.length);
    m.match(query);
    // Building 100k vectors leaves garbage; collect it now rather than inside the timed queries.
    heapMB();
    const times: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t = performance.now();
      m.match(query);
      times.push(performance.now() - t);
    }
    return { vectors, ...percentiles(times) };
  });

  const tensorsBefore = embedder.numTensors();
  const heapBefore = heapMB();
  for (let i = 0; i < req.soak; i++) await computeSignals(embedder, rasters[i % Math.max(1, rasters.length)] ?? one, 'query');
  return {
    backend: embedder.backend,
    embed1: percentiles(embed1),
    embedBatch: percentiles(embedBatch),
    decode: percentiles(decodeMs),
    signals: percentiles(signalsMs),
    allSignals: percentiles(allSignals),
    queryRegions: query.vectors.length,
    matching,
    soak: { images: req.soak, tensorsBefore, tensorsAfter: embedder.numTensors(), heapBeforeMB: heapBefore, heapAfterMB: heapMB() },
  };
}
