// The only door to tfjs besides src/model-host: loads MobileNet through @tensorflow-models/mobilenet on the wasm
// backend and turns pixels into plain Float32Arrays. Tensors never leave this file; every call is tidied.
// May import: tfjs packages, src/engine (pure). Must not import browser-extension APIs.
import * as tf from '@tensorflow/tfjs-core';
import type { GraphModel } from '@tensorflow/tfjs-converter';
// Importing the wasm backend registers it; setWasmPaths points it at the binaries we ship.
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as mobilenet from '@tensorflow-models/mobilenet';
import { l2normalize } from '../engine/vectors';
import { Slot } from '../engine/scratch';
import { fusedModel } from './fused-graph';
import { INPUT_SIZE, type Pixels } from './preprocess';

const NODE = 'module_apply_default/MobilenetV1';
/** 256-d global average pool of the last convolutional map: the classic "MobileNet embedding". */
export const GLOBAL_NODE = `${NODE}/Logits/global_pool`;
/**
 * The maps whose channel statistics describe texture and stroke, i.e. style: one per resolution from 28×28
 * (Conv2d_5) to 7×7 (Conv2d_13). Measured on ../corpus/style (12 artists × 8 works, 4-work galleries, the style
 * verdict's calibration as it was then, the mean of the 2 nearest works): Conv2d_5/7/9/11/13 flag 40.6 % of an artist's unseen works at 4.0 % of other artists'
 * works against 37.5 % at 3.9 % for Conv2d_9/11 alone (both centred as in style-descriptor.ts), and a
 * leave-one-artist-out choice among descriptor variants picked these layers in 8 of 12 folds. The three extra
 * maps' statistics add ~0.7 ms per picture (Node, wasm, paired p50 over 200 passes: 11.9 → 12.6 ms for the
 * whole-image pass with its style statistics): the pass computes the maps anyway.
 */
export const STYLE_NODES = [5, 7, 9, 11, 13].map((i) => `${NODE}/MobilenetV1/Conv2d_${i}_pointwise/Relu6`);

export interface EmbedderOptions {
  /** URL of model.json, or an IOHandler (the Node CLI reads the files itself). */
  model: string | tf.io.IOHandler;
  /** Folder URL holding the tfjs-backend-wasm binaries; omit in Node, where the package finds them. */
  wasmPath?: string;
}

export interface RawSignals {
  /** L2-normalised global embedding. */
  global: Float32Array;
  /** Per style layer: channel means then channel standard deviations. */
  styleStats: Float32Array[];
}

export interface Embedder {
  readonly backend: string;
  /** L2-normalised 256-d embeddings, one per image. */
  embed(images: Pixels[]): Promise<Float32Array[]>;
  /** Global embedding plus style statistics, one per image, from one forward pass. */
  signals(images: Pixels[]): Promise<RawSignals[]>;
  numTensors(): number;
  /** The JS heap of the process the model runs in, in bytes, where that is not the caller's own (Chrome's frame). */
  modelHeapBytes?(): Promise<number>;
}

export type TypicalInput = Parameters<mobilenet.MobileNet['infer']>[0];

let backendReady: Promise<string> | undefined;

function initBackend(wasmPath?: string): Promise<string> {
  backendReady ??= (async () => {
    // Extension pages have SharedArrayBuffer, so tfjs would start blob: workers that the extension CSP
    // refuses and hang forever; single-threaded SIMD is ~5 ms per pass here anyway.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    if (wasmPath) setWasmPaths(wasmPath);
    if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend could not start');
    await tf.ready();
    return tf.getBackend();
  })();
  return backendReady;
}

/**
 * The batch's floats, 600 KB a crop: tf.tensor4d copies them into the wasm heap at once, so the array is a
 * temporary and its memory is reused from batch to batch (engine/scratch.ts: fresh pages cost ~11 µs each here).
 */
const BATCH = new Slot(Float32Array);

/**
 * Each byte's value / 255 as the batch stores it (a float32): the same numbers as dividing, without a division per
 * channel on the model's thread, which in Chrome's frame is the busiest thread of a scan.
 */
const UNIT = Float32Array.from({ length: 256 }, (_, v) => v / 255);

function toBatch(images: Pixels[]): tf.Tensor4D {
  const size = INPUT_SIZE;
  const n = images.length * size * size * 3;
  // Only the wasm backend copies at once (tfjs-backend-wasm's move); another would keep the array as the tensor's.
  const data = tf.getBackend() === 'wasm' ? BATCH.take(n) : new Float32Array(n);
  let o = 0;
  for (const img of images) {
    if (img.width !== size || img.height !== size) throw new Error(`expected ${size}×${size} pixels`);
    const src = img.data;
    const step = img.channels;
    // inputRange [0, 1]: the graph's hub_input maps it to [-1, 1] itself.
    for (let i = 0; i < src.length; i += step) {
      data[o++] = UNIT[src[i]!]!;
      data[o++] = UNIT[src[i + 1]!]!;
      data[o++] = UNIT[src[i + 2]!]!;
    }
  }
  return tf.tensor4d(data, [images.length, size, size, 3]);
}

export async function createEmbedder(options: EmbedderOptions): Promise<Embedder> {
  const backend = await initBackend(options.wasmPath);
  // The same weights with each convolution's BatchNorm and Relu6 run inside it (fused-graph.ts).
  const source = typeof options.model === 'string' ? tf.io.http(options.model) : options.model;
  const net = await mobilenet.load({ version: 1, alpha: 0.25, modelUrl: fusedModel(source), inputRange: [0, 1] });
  // MobileNetImpl keeps its GraphModel public; we run it directly to get several nodes from one pass.
  const model = (net as unknown as { model: GraphModel }).model;

  async function run(images: Pixels[], withStyle: boolean): Promise<RawSignals[]> {
    if (images.length === 0) return [];
    const n = images.length;
    const outputs = tf.tidy(() => {
      const batch = toBatch(images);
      const nodes = withStyle ? [GLOBAL_NODE, ...STYLE_NODES] : [GLOBAL_NODE];
      const out = model.execute(batch, nodes);
      const [g, ...maps] = (Array.isArray(out) ? out : [out]) as tf.Tensor4D[];
      const stats = maps.map((m) => {
        const { mean, variance } = tf.moments(m, [1, 2]);
        return tf.concat([mean, tf.sqrt(variance)], 1);
      });
      return [tf.reshape(g!, [n, -1]), ...stats];
    });
    const [g, ...stats] = await Promise.all(outputs.map((t) => t.data() as Promise<Float32Array>));
    outputs.forEach((t) => t.dispose());
    const dim = g!.length / n;
    return images.map((_, i) => ({
      global: l2normalize(g!.slice(i * dim, (i + 1) * dim)),
      styleStats: stats.map((s) => s.slice((i * s.length) / n, ((i + 1) * s.length) / n)),
    }));
  }

  // Warm up once so the first real image does not pay for kernel compilation.
  await run([{ data: new Uint8Array(INPUT_SIZE * INPUT_SIZE * 3), width: INPUT_SIZE, height: INPUT_SIZE, channels: 3 }], true);

  return {
    backend,
    embed: async (images) => (await run(images, false)).map((s) => s.global),
    signals: (images) => run(images, true),
    numTensors: () => tf.memory().numTensors,
  };
}

/**
 * bench:perf's baseline, what a typical extension does: a picture element handed to
 * @tensorflow-models/mobilenet's infer() (its own resize and normalisation), one embedding, no hash, no regions.
 */
export async function createTypicalInfer(options: EmbedderOptions): Promise<(image: TypicalInput) => Promise<Float32Array>> {
  await initBackend(options.wasmPath);
  const net = await mobilenet.load({ version: 1, alpha: 0.25, modelUrl: options.model, inputRange: [0, 1] });
  return async (image) => {
    const out = net.infer(image, true);
    try {
      return await out.data() as Float32Array;
    } finally {
      out.dispose();
    }
  };
}
