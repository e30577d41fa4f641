// MobileNet's graph with less work per pass: TF Hub's graph keeps each convolution's BatchNorm as separate ops
// (a per-channel Mul for the depthwise layers, an Add of the offset, then Relu6), 101 ops where 34 do the same
// work. Each convolution here becomes one fused op (bias and Relu6 inside the kernel, the depthwise scale folded
// into its filter), named as the Relu6 it replaces, so the style maps are read from the same node names.
// Measured with the wasm backend in Node on a quiet machine, alternating: a pass 5.2-5.4 -> 4.0-4.4 ms, a crop in a
// batch of three 4.5-4.7 -> 3.3-3.5 ms. The numbers move by float rounding only (|difference| <= 5e-5 on values up
// to 6), which is why the engine version changed with it. Pure: artifacts in, artifacts out.
import type { io } from '@tensorflow/tfjs-core';

interface GraphNode { name: string; op: string; input?: string[]; attr?: Record<string, unknown> }
interface Weight { spec: io.WeightsManifestEntry; data: Uint8Array }

const FUSED_OPS = { list: { s: [btoa('BiasAdd'), btoa('Relu6')] } };

/** One buffer of a model's weights, whichever form the loader gave them in. */
function oneBuffer(data: io.WeightData): ArrayBuffer {
  if (!Array.isArray(data)) return data;
  const out = new Uint8Array(data.reduce((n, b) => n + b.byteLength, 0));
  let o = 0;
  for (const b of data) {
    out.set(new Uint8Array(b), o);
    o += b.byteLength;
  }
  return out.buffer;
}

/** Each weight's bytes by name, or null when a weight is stored in a form this rewrite does not read. */
function weightsOf(specs: io.WeightsManifestEntry[], buffer: ArrayBuffer): Map<string, Weight> | null {
  const out = new Map<string, Weight>();
  let offset = 0;
  for (const spec of specs) {
    if (spec.quantization || (spec.dtype !== 'float32' && spec.dtype !== 'int32')) return null;
    const bytes = spec.shape.reduce((a, b) => a * b, 1) * 4;
    if (offset + bytes > buffer.byteLength) return null;
    out.set(spec.name, { spec, data: new Uint8Array(buffer, offset, bytes) });
    offset += bytes;
  }
  return out;
}

/** The model with its convolutions fused; the artifacts unchanged when their graph is not the shape expected. */
export function fuseConvolutions(artifacts: io.ModelArtifacts): io.ModelArtifacts {
  const topology = artifacts.modelTopology as { node?: GraphNode[] } | undefined;
  if (!Array.isArray(topology?.node) || !artifacts.weightSpecs || !artifacts.weightData) return artifacts;
  const weights = weightsOf(artifacts.weightSpecs, oneBuffer(artifacts.weightData));
  if (!weights) return artifacts;
  const nodes = topology!.node!;
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const consumers = new Map<string, GraphNode[]>();
  for (const n of nodes) for (const i of n.input ?? []) (consumers.get(i) ?? consumers.set(i, []).get(i)!).push(n);
  const soleConsumer = (n: GraphNode) => {
    const c = consumers.get(n.name) ?? [];
    return c.length === 1 ? c[0]! : null;
  };
  /** A per-channel constant of `channels` floats as the second input of `n`, else null. */
  const channelConst = (n: GraphNode | null, op: string, channels: number) => {
    if (n?.op !== op || n.input?.length !== 2) return null;
    const w = weights.get(n.input[1]!);
    return w && w.spec.dtype === 'float32' && w.spec.shape.length === 1 && w.spec.shape[0] === channels ? w : null;
  };

  const replaced = new Set<string>();
  const fused = new Map<string, GraphNode>();
  /** Scaled filters by their new name, with the Const node they are made from. */
  const folded = new Map<string, Weight & { from: GraphNode }>();
  for (const conv of nodes) {
    if ((conv.op !== 'Conv2D' && conv.op !== 'DepthwiseConv2dNative') || conv.input?.length !== 2) continue;
    const filter = weights.get(conv.input[1]!);
    // A folded filter is a new constant made from the old one's node.
    if (!filter || byName.get(conv.input[1]!)?.op !== 'Const' || filter.spec.dtype !== 'float32' || filter.spec.shape.length !== 4) continue;
    const [, , inC, k] = filter.spec.shape as [number, number, number, number];
    // The filter's innermost index runs over the output channels: Conv2D's [h, w, in, out], and a depthwise
    // filter's [h, w, channels, 1] with a multiplier of one (MobileNet's).
    if (conv.op === 'DepthwiseConv2dNative' && k !== 1) continue;
    const channels = conv.op === 'Conv2D' ? k : inC;
    let next = soleConsumer(conv);
    const scale = channelConst(next, 'Mul', channels);
    const chain: GraphNode[] = [];
    if (scale) {
      chain.push(next!);
      next = soleConsumer(next!);
    }
    const bias = channelConst(next, 'Add', channels);
    const relu = bias && soleConsumer(next!);
    if (!bias || relu?.op !== 'Relu6' || relu.input?.length !== 1) continue;
    chain.push(next!, relu);
    let filterName = conv.input[1]!;
    if (scale) {
      const f = new Float32Array(filter.data.slice().buffer);
      const s = new Float32Array(scale.data.slice().buffer);
      for (let i = 0; i < f.length; i++) f[i] = f[i]! * s[i % channels]!;
      filterName = `${filterName}/scaled`;
      folded.set(filterName, { spec: { ...filter.spec, name: filterName }, data: new Uint8Array(f.buffer), from: byName.get(conv.input[1]!)! });
    }
    for (const n of [conv, ...chain]) replaced.add(n.name);
    fused.set(conv.name, {
      name: relu.name,
      op: conv.op === 'Conv2D' ? '_FusedConv2D' : 'FusedDepthwiseConv2dNative',
      input: [conv.input[0]!, filterName, next!.input![1]!],
      attr: { ...conv.attr, fused_ops: FUSED_OPS, num_args: { i: '1' } },
    });
  }
  if (fused.size === 0) return artifacts;

  const graph: GraphNode[] = [];
  for (const n of nodes) {
    const f = fused.get(n.name);
    if (f) graph.push(f);
    else if (!replaced.has(n.name)) graph.push(n);
  }
  for (const [name, w] of folded) graph.push({ ...w.from, name });
  // Only the constants something still reads, in one buffer.
  const read = new Set(graph.flatMap((n) => n.input ?? []));
  const kept = graph.filter((n) => n.op !== 'Const' || read.has(n.name));
  const used = [...weights.values(), ...folded.values()].filter((w) => read.has(w.spec.name));
  const data = new Uint8Array(used.reduce((a, w) => a + w.data.byteLength, 0));
  let o = 0;
  for (const w of used) {
    data.set(w.data, o);
    o += w.data.byteLength;
  }
  return {
    ...artifacts,
    modelTopology: { ...topology, node: kept },
    weightSpecs: used.map((w) => w.spec),
    weightData: data.buffer,
  };
}

/** `source` loaded and fused (tfjs' loaders take an IOHandler wherever they take a URL). */
export function fusedModel(source: io.IOHandler): io.IOHandler {
  return {
    load: async () => {
      if (!source.load) throw new Error('the model source cannot be read');
      return fuseConvolutions(await source.load());
    },
  };
}
