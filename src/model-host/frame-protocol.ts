// What the offscreen document and the model frame (Chrome: a sandboxed page in a renderer process of its own, see
// framed-embedder.ts) say to each other, and the checks each side runs on what arrives. The frame is a null origin
// that a bug or a hostile picture could subvert, so neither side takes a message's shape on trust. Pure: no DOM.
import type { RawSignals } from '../ml/embedder';
import { INPUT_SIZE, type Pixels } from '../ml/preprocess.ts';

/** The page the manifest declares under `sandbox.pages` (src/cli/manifest.ts). */
export const MODEL_FRAME_PAGE = 'src/model-host/sandbox.html';

/** The one window message the frame accepts: its two ports, calls (main thread) and heartbeats (a worker). */
export const CONNECT = 'inkseal/model-frame-connect';

/** The most crops one call carries: a query picture's regions are far fewer. */
export const MAX_IMAGES = 64;

/** `heap`: the frame's JS heap after a collection where the browser allows one (bench:perf's soak). */
export type FrameOp = 'init' | 'embed' | 'signals' | 'heap';
export interface FrameRequest { id: number; op: FrameOp; images: Pixels[] }
export type FrameValue = { backend: string } | { heapBytes: number } | Float32Array[] | RawSignals[];
export type FrameReply =
  | { id: number; ok: true; value: FrameValue; numTensors: number }
  | { id: number; ok: false; error: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0;
const OPS: readonly FrameOp[] = ['init', 'embed', 'signals', 'heap'];

/** One model input: exactly INPUT_SIZE² pixels of 3 or 4 bytes, so the frame never allocates from a claimed size. */
function pixels(v: unknown): Pixels | null {
  if (!isObject(v)) return null;
  const { data, width, height, channels } = v;
  if (!(data instanceof Uint8Array || data instanceof Uint8ClampedArray)) return null;
  if (width !== INPUT_SIZE || height !== INPUT_SIZE || (channels !== 3 && channels !== 4)) return null;
  if (data.length !== INPUT_SIZE * INPUT_SIZE * channels) return null;
  return { data, width, height, channels };
}

/** The frame's check of a call from the offscreen document; null for anything else. */
export function parseRequest(v: unknown): FrameRequest | null {
  if (!isObject(v) || !isId(v.id) || !OPS.includes(v.op as FrameOp) || !Array.isArray(v.images)) return null;
  if (v.images.length > MAX_IMAGES) return null;
  const images = v.images.map(pixels);
  return images.every((p) => p !== null) ? { id: v.id, op: v.op as FrameOp, images } : null;
}

const floats = (v: unknown, length?: number): v is Float32Array =>
  v instanceof Float32Array && (length === undefined || v.length === length) && v.every(Number.isFinite);

/**
 * The offscreen document's check of a reply to `req`: one result per image sent, finite numbers, and nothing the
 * background would store that the model could not have produced. Null for anything else.
 */
export function parseReply(v: unknown, req: FrameRequest): FrameReply | null {
  if (!isObject(v) || v.id !== req.id) return null;
  if (v.ok === false) return typeof v.error === 'string' ? { id: req.id, ok: false, error: v.error.slice(0, 500) } : null;
  if (v.ok !== true || !Number.isSafeInteger(v.numTensors) || (v.numTensors as number) < 0) return null;
  const numTensors = v.numTensors as number;
  const value = v.value;
  if (req.op === 'init') {
    return isObject(value) && typeof value.backend === 'string' && value.backend.length <= 40
      ? { id: req.id, ok: true, value: { backend: value.backend }, numTensors } : null;
  }
  if (req.op === 'heap') {
    return isObject(value) && Number.isSafeInteger(value.heapBytes) && (value.heapBytes as number) >= 0
      ? { id: req.id, ok: true, value: { heapBytes: value.heapBytes as number }, numTensors } : null;
  }
  if (!Array.isArray(value) || value.length !== req.images.length) return null;
  if (req.op === 'embed') return value.every((g) => floats(g)) ? { id: req.id, ok: true, value: value as Float32Array[], numTensors } : null;
  const ok = value.every((s) => isObject(s) && floats(s.global) && Array.isArray(s.styleStats) && s.styleStats.every((x) => floats(x)));
  return ok
    ? { id: req.id, ok: true, value: (value as RawSignals[]).map((s) => ({ global: s.global, styleStats: [...s.styleStats] })), numTensors }
    : null;
}
