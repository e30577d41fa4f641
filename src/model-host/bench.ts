// Diagnostics the perf benchmark asks the model host for (npm run bench:perf): timings measured where the
// model really runs. Never called by the product itself.
import { percentiles } from '../engine/matcher-bench';
import { seededRandom } from '../engine/vectors';
import { INPUT_SIZE } from '../ml/preprocess';
import { computeSignals } from '../ml/signals';
import { verifyWorks } from './verify';
import { shippedModel } from './shipped-model';
import type { PictureHost } from './pictures';
import type { Embedder, TypicalInput } from '../ml/embedder';
import type { Raster } from '../engine/image';
import type { DecodeTiming } from './decode';
import type { BenchReport, BenchRequest, LatencyReport } from '../shared/types';

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

/** The soak reads both heaps after every this many pictures. */
const SOAK_STEP = 1000;

const heapMB = () => {
  // Collect first when the browser allows it (--js-flags=--expose-gc): otherwise garbage blurs the figure.
  (globalThis as unknown as { gc?: () => void }).gc?.();
  return ((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0) / 2 ** 20;
};

/** What a typical extension does with a feed picture: an <img> of its URL, straight into MobileNet's infer(). */
async function typicalInfer(infer: (image: TypicalInput) => Promise<Float32Array>, url: string): Promise<void> {
  const blob = await (await fetch(url, { credentials: 'omit' })).blob();
  const src = URL.createObjectURL(blob);
  try {
    const img = new Image();
    // The load event, not img.decode(): in Chrome's offscreen document (never rendered) decode() never settles.
    await new Promise((loaded, failed) => {
      img.onload = loaded;
      img.onerror = () => failed(new Error(`baseline: ${url} did not load`));
      img.src = src;
    });
    await infer(img);
  } finally {
    URL.revokeObjectURL(src);
  }
}

/**
 * Each picture's latency, one at a time (in the product, the worker's half of the next picture overlaps the model's
 * half of this one). Starting the model on the whole view while the worker cut the other regions was tried: on two
 * cores the two halves then slowed each other (24 → 29 ms). `decode` is the worker's stages (fetch, decode,
 * prepare); `signals` the rest: the model, and the messages between the host, the frame and its workers.
 */
async function latencies(pictures: PictureHost, urls: string[]): Promise<LatencyReport> {
  const decodeMs: number[] = [];
  const stages = { fetch: [] as number[], decode: [] as number[], prepare: [] as number[] };
  const signalsMs: number[] = [];
  const allSignals: number[] = [];
  const fromBytes: number[] = [];
  for (const url of urls) {
    const timing: DecodeTiming = { fetch: 0, decode: 0, prepare: 0 };
    const t = performance.now();
    await pictures.signals(url, 'query', timing);
    const end = performance.now();
    const worker = timing.fetch + timing.decode + timing.prepare;
    decodeMs.push(worker);
    stages.fetch.push(timing.fetch);
    stages.decode.push(timing.decode);
    stages.prepare.push(timing.prepare);
    signalsMs.push(end - t - worker);
    allSignals.push(end - t);
    fromBytes.push(end - t - timing.fetch);
  }
  return {
    decode: percentiles(decodeMs),
    stages: { fetch: percentiles(stages.fetch), decode: percentiles(stages.decode), prepare: percentiles(stages.prepare) },
    signals: percentiles(signalsMs),
    allSignals: percentiles(allSignals),
    fromBytes: percentiles(fromBytes),
  };
}

/**
 * The baseline runs in this document, as a typical extension's would; Inkseal's figures come from `embedder` and
 * `pictures`, wherever the product runs them (Chrome: the sandboxed model frame, which also decodes).
 */
export async function runBench(embedder: Embedder, pictures: PictureHost, req: BenchRequest): Promise<BenchReport> {
  const one = noise(1);
  const batch = Array.from({ length: 8 }, (_, i) => noise(i + 2));
  const embed1: number[] = [];
  const embedBatch: number[] = [];
  for (let i = 0; i < req.passes; i++) embed1.push(await timed(() => embedder.embed([one])));
  for (let i = 0; i < Math.ceil(req.passes / 8); i++) embedBatch.push((await timed(() => embedder.embed(batch))) / batch.length);

  const cold = await latencies(pictures, req.urls);
  // A feed is scrolled for hours: the decode workers' code is then compiled for what it meets. `warm` brings it
  // there untimed; `again` holds other URLs, so no fetch is answered from a cache.
  for (const url of req.warm) await pictures.signals(url, 'query');
  const warmed = await latencies(pictures, req.again);
  const rasters: Raster[] = [];

  // Throughput one after another over the same pictures: Inkseal's all signals, then the baseline.
  const inkseal = await timed(async () => { for (const url of req.urls) await pictures.signals(url, 'query'); });
  // Only the benchmark needs TensorFlow.js in this document.
  const infer = await (await import('../ml/embedder')).createTypicalInfer(shippedModel());
  await typicalInfer(infer, req.urls[0]!);
  const typical: number[] = [];
  const typicalTotal = await timed(async () => { for (const url of req.urls) typical.push(await timed(() => typicalInfer(infer, url))); });

  // The second stage: each picture against another one taken as the shortlisted work (a stranger: the coarse look
  // stops it, as for most shortlisted feed pictures), and against itself (a repost: the coarse look, then the full
  // one). The works' keypoints are made once and kept (as in the product), so each timing is the feed picture's share.
  const verifyMs: number[] = [];
  const verifyRepostMs: number[] = [];
  for (const [i, url] of req.urls.entries()) {
    const work = { id: `bench-work-${i}`, url: req.urls[(i + 1) % req.urls.length]! };
    const self = { id: `bench-self-${i}`, url };
    await verifyWorks(pictures, work.url, [work]);
    await verifyWorks(pictures, work.url, [self]);
    verifyMs.push(await timed(() => verifyWorks(pictures, url, [{ id: work.id }])));
    verifyRepostMs.push(await timed(() => verifyWorks(pictures, url, [{ id: self.id }])));
  }

  // The soak's rasters are fetched only now: fetched inside the loop above, each one's 1 MB copy landed on the
  // model thread just before the picture being timed and its garbage was collected inside that timing.
  for (const url of req.urls) rasters.push(await pictures.raster(url));
  const tensorsBefore = embedder.numTensors();
  const heapBefore = heapMB();
  // Chrome runs the model in a frame with a process of its own: its heap is asked for, not included in this one's.
  const modelHeapMB = async () => (embedder.modelHeapBytes ? (await embedder.modelHeapBytes()) / 2 ** 20 : undefined);
  const modelHeapBefore = await modelHeapMB();
  // Read every 1,000 pictures as well: growth that levels off is the allocator settling, growth that keeps its
  // pace is a leak.
  const steps: { images: number; hostMB: number; modelMB?: number }[] = [];
  for (let i = 0; i < req.soak; i++) {
    await computeSignals(embedder, rasters[i % Math.max(1, rasters.length)] ?? one, 'query');
    if ((i + 1) % SOAK_STEP === 0) steps.push({ images: i + 1, hostMB: heapMB(), modelMB: await modelHeapMB() });
  }
  return {
    backend: embedder.backend,
    embed1: percentiles(embed1),
    embedBatch: percentiles(embedBatch),
    cold,
    warmed,
    verify: percentiles(verifyMs),
    verifyRepost: percentiles(verifyRepostMs),
    typical: percentiles(typical),
    throughput: { inkseal: (1000 * req.urls.length) / inkseal, typical: (1000 * req.urls.length) / typicalTotal },
    queryRegions: (await computeSignals(embedder, rasters[0] ?? one, 'query')).vectors.length,
    soak: {
      images: req.soak, tensorsBefore, tensorsAfter: embedder.numTensors(), heapBeforeMB: heapBefore, heapAfterMB: heapMB(),
      modelHeapBeforeMB: modelHeapBefore, modelHeapAfterMB: await modelHeapMB(), steps,
    },
  };
}
