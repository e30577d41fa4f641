// The fused MobileNet graph (src/ml/fused-graph.ts) against TF Hub's own, both run on the wasm backend with the real
// weights: one op per convolution, and the same embedding and style maps up to float rounding.
import { beforeAll, describe, expect, test } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import '@tensorflow/tfjs-backend-wasm';
import { fileModel } from '../../src/cli/model-io';
import { fuseConvolutions } from '../../src/ml/fused-graph';
import { GLOBAL_NODE, STYLE_NODES } from '../../src/ml/embedder';
import { modelDir } from '../support/data';

type Node = { name: string; op: string };
const ops = (a: tf.io.ModelArtifacts) => (a.modelTopology as { node: Node[] }).node.map((n) => n.op);
const count = (list: string[], op: string) => list.filter((o) => o === op).length;

let stock: tf.io.ModelArtifacts;
let fused: tf.io.ModelArtifacts;
beforeAll(async () => {
  await tf.setBackend('wasm');
  stock = await fileModel(modelDir()).load!();
  fused = fuseConvolutions(stock);
}, 60_000);

describe('fused MobileNet graph', () => {
  test('every convolution with its BatchNorm and Relu6 is one op', () => {
    const before = ops(stock), after = ops(fused);
    expect(count(before, 'Conv2D') + count(before, 'DepthwiseConv2dNative')).toBe(28);
    // All but the classifier's 1×1 convolution (a BiasAdd, no BatchNorm or Relu6), which the embedding never reaches.
    expect(count(after, '_FusedConv2D')).toBe(count(before, 'Conv2D') - 1);
    expect(count(after, 'FusedDepthwiseConv2dNative')).toBe(count(before, 'DepthwiseConv2dNative'));
    const left = (fused.modelTopology as { node: { name: string; op: string }[] }).node.filter((n) => n.op === 'Conv2D');
    expect(left.map((n) => n.name)).toEqual([expect.stringContaining('Logits/Conv2d_1c_1x1')]);
    expect(count(after, 'DepthwiseConv2dNative') + count(after, 'Relu6') + count(after, 'Add')).toBe(0);
    // Only the input's own scaling is left of the element-wise ops.
    expect(count(after, 'Mul')).toBe(1);
    expect(after.filter((o) => o !== 'Const').length).toBeLessThan(before.filter((o) => o !== 'Const').length / 2);
  });

  test('gives the embedding and the style maps of the stock graph, up to float rounding', async () => {
    const [a, b] = await Promise.all([loadGraphModel(tf.io.fromMemory(stock)), loadGraphModel(tf.io.fromMemory(fused))]) as [GraphModel, GraphModel];
    const nodes = [GLOBAL_NODE, ...STYLE_NODES];
    for (const seed of [1, 2, 3]) {
      const x = tf.randomUniform([1, 224, 224, 3], 0, 1, 'float32', seed);
      const ra = a.execute(x, nodes) as tf.Tensor[], rb = b.execute(x, nodes) as tf.Tensor[];
      for (let k = 0; k < nodes.length; k++) {
        const u = ra[k]!.dataSync(), v = rb[k]!.dataSync();
        expect(v.length).toBe(u.length);
        let worst = 0, scale = 0;
        for (let i = 0; i < u.length; i++) {
          worst = Math.max(worst, Math.abs(u[i]! - v[i]!));
          scale = Math.max(scale, Math.abs(u[i]!));
        }
        // Values reach 6 (Relu6); a wrong fold or a lost bias moves them by far more than this.
        expect(scale).toBeGreaterThan(0.5);
        expect(worst).toBeLessThan(1e-3);
      }
      [...ra, ...rb, x].forEach((t) => t.dispose());
    }
    a.dispose();
    b.dispose();
  }, 60_000);

  test('a graph it does not recognise, or weights it cannot read, are left as they are', () => {
    const quantized = { ...stock, weightSpecs: stock.weightSpecs!.map((s, i) => (i === 0 ? { ...s, quantization: { dtype: 'uint8' as const, scale: 1, min: 0 } } : s)) };
    expect(fuseConvolutions(quantized)).toBe(quantized);
    const truncated = { ...stock, weightData: (stock.weightData as ArrayBuffer).slice(0, 1000) };
    expect(fuseConvolutions(truncated)).toBe(truncated);
    const layers = { ...stock, modelTopology: { config: {} } };
    expect(fuseConvolutions(layers)).toBe(layers);
  });
});
