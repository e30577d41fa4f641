// The model frame (Chrome): a page the manifest declares under `sandbox.pages`, framed by the offscreen document.
// Chromium puts a sandboxed frame in a renderer process of its own, so when tfjs exhausts memory here only this
// process dies, not the one the service worker and every extension page share (issue 14). The same holds for the
// pictures: their bytes are decoded, prepared and kept here too (frame-pictures.ts). No extension API reaches a
// sandboxed page: it only works on the pixels and bytes it is sent, over the ports of one CONNECT message.
import { CONNECT, parseRequest, type FrameReply, type FrameRequest, type FrameValue } from './frame-protocol';
import type { Embedder } from '../ml/embedder';
import * as pictures from './frame-pictures';

let embedder: Promise<Embedder> | undefined;
/** The model once loaded: a reply's tensor count, without loading it for a call that needs no model. */
let loaded: Embedder | undefined;

// Loaded on the first call, not at start: the heartbeat must begin before tfjs is parsed and the model loaded.
// The frame's URL is on the extension's origin, which serves the model and the wasm binaries to it.
function model(): Promise<Embedder> {
  embedder ??= import('../ml/embedder').then((m) => m.createEmbedder({
    model: new URL('/model/model.json', location.href).href,
    wasmPath: new URL('/wasm/', location.href).href,
  })).then((m) => (loaded = m));
  return embedder;
}

async function run(req: FrameRequest): Promise<{ value: FrameValue; numTensors: number; transfer: ArrayBuffer[] }> {
  if (req.op === 'picture' || req.op === 'keypoints' || req.op === 'raster') {
    const out = req.op === 'picture' ? await pictures.picture(req, model())
      : req.op === 'keypoints' ? await pictures.keypoints(req) : await pictures.raster(req);
    return { ...out, numTensors: loaded?.numTensors() ?? 0 };
  }
  const m = await model();
  if (req.op === 'heap') {
    (globalThis as unknown as { gc?: () => void }).gc?.();
    const heapBytes = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
    return { value: { heapBytes }, numTensors: m.numTensors(), transfer: [] };
  }
  if (req.op === 'init') return { value: { backend: m.backend }, numTensors: m.numTensors(), transfer: [] };
  if (req.op === 'embed') {
    const out = await m.embed(req.images);
    return { value: out, numTensors: m.numTensors(), transfer: out.map((a) => a.buffer as ArrayBuffer) };
  }
  const out = await m.signals(req.images);
  const transfer = out.flatMap((s) => [s.global, ...s.styleStats]).map((a) => a.buffer as ArrayBuffer);
  return { value: out, numTensors: m.numTensors(), transfer: [...new Set(transfer)] };
}

/**
 * A worker, not a timer on this thread, tells the offscreen document the process is alive: inference blocks the
 * main thread for a long while on a busy machine, and a silent frame is taken for a dead one. Chromium reports an
 * iframe's process dying to nobody inside the extension, so silence is the only sign there is.
 */
function beat(port: MessagePort): void {
  const source = 'onmessage = (e) => { const port = e.data; port.postMessage(0); setInterval(() => port.postMessage(0), 250); };';
  const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
  worker.postMessage(port, [port]);
}

let connected = false;
window.addEventListener('message', (e: MessageEvent) => {
  // Only the framing offscreen document, once: nothing else can hand this frame ports to answer on.
  if (connected || e.source !== window.parent || e.origin !== location.origin) return;
  const [calls, beats] = e.ports;
  if (e.data !== CONNECT || e.ports.length !== 2 || !calls || !beats) return;
  connected = true;
  beat(beats);
  calls.onmessage = async (m: MessageEvent) => {
    const req = parseRequest(m.data);
    if (!req) return;
    try {
      const { value, numTensors, transfer } = await run(req);
      calls.postMessage({ id: req.id, ok: true, value, numTensors } satisfies FrameReply, transfer);
    } catch (err) {
      calls.postMessage({ id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies FrameReply);
    }
  };
});
