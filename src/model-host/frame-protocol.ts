// What the offscreen document and the model frame (Chrome: a sandboxed page in a renderer process of its own, see
// framed-embedder.ts) say to each other, and the checks each side runs on what arrives. The frame is a null origin
// that a bug or a hostile picture could subvert, so neither side takes a message's shape on trust. Pure: no DOM.
import type { RawSignals } from '../ml/embedder';
import { INPUT_SIZE, type Pixels } from '../ml/preprocess.ts';
import type { Raster } from '../engine/image';
import { MAX_TILE_INDEX } from '../engine/second-stage';
import { MAX_PICTURE_BYTES } from '../shared/picture-fetch';
import type { DecodeTiming, DecoderChoice } from './decode';
import type { KeypointPart, PostKeypoints } from './decoders';
import type { PictureSignals } from './pictures';
import { Malformed, isObject, pictureKeypoints, pictureSignals, raster, timing } from './picture-checks';

export { MODEL_FRAME_PAGE } from './frame-page.ts';

/** The one window message the frame accepts: its two ports, calls (main thread) and heartbeats (a worker). */
export const CONNECT = 'inkseal/model-frame-connect';

/** The most crops one call carries: a query picture's regions are far fewer. */
export const MAX_IMAGES = 64;

/** A feed picture's address, the key its raster is kept under in the frame; a longer one is not kept. */
export const MAX_KEY = 4096;

type Role = 'query' | 'gallery';

/**
 * The model's own ops take crops: `heap` is the frame's JS heap after a collection where the browser allows one
 * (bench:perf's soak). The picture ops take the bytes the offscreen document fetched (the frame may not fetch):
 * `picture` decodes, prepares and embeds one picture, keeping a feed picture's raster under `key` ('' keeps
 * nothing); `keypoints` are the second stage's, from that kept raster or from `bytes` (without them and with
 * nothing kept, the answer is `missing`); `raster` is the decoded picture itself (bench:perf's soak, the decode test).
 */
export type FrameRequest =
  | { id: number; op: 'init' | 'embed' | 'signals' | 'heap'; images: Pixels[] }
  | { id: number; op: 'picture'; bytes: Uint8Array; key: string; role: Role }
  | { id: number; op: 'keypoints'; key: string; kind: Role; bytes?: Uint8Array; levels?: KeypointPart; tile?: number }
  | { id: number; op: 'raster'; bytes: Uint8Array; decoder: DecoderChoice };
export type FrameOp = FrameRequest['op'];
/** A request before the frame's caller numbers it. */
export type FrameCall = FrameRequest extends infer R ? (R extends FrameRequest ? Omit<R, 'id'> : never) : never;

export interface FrameValues {
  init: { backend: string };
  heap: { heapBytes: number };
  embed: Float32Array[];
  signals: RawSignals[];
  picture: PictureSignals & { timing: DecodeTiming };
  keypoints: PostKeypoints | { missing: true };
  raster: Raster;
}
export type FrameValue = FrameValues[FrameOp];
export type FrameReply =
  | { id: number; ok: true; value: FrameValue; numTensors: number }
  | { id: number; ok: false; error: string };

const isId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0;
const MODEL_OPS: readonly FrameOp[] = ['init', 'embed', 'signals', 'heap'];
const ROLES: readonly unknown[] = ['query', 'gallery'];
const DECODERS: readonly unknown[] = ['auto', 'canvas'];
const PARTS: readonly unknown[] = ['coarse', 'fine'];

/** One model input: exactly INPUT_SIZE² pixels of 3 or 4 bytes, so the frame never allocates from a claimed size. */
function pixels(v: unknown): Pixels | null {
  if (!isObject(v)) return null;
  const { data, width, height, channels } = v;
  if (!(data instanceof Uint8Array || data instanceof Uint8ClampedArray)) return null;
  if (width !== INPUT_SIZE || height !== INPUT_SIZE || (channels !== 3 && channels !== 4)) return null;
  if (data.length !== INPUT_SIZE * INPUT_SIZE * channels) return null;
  return { data, width, height, channels };
}

/** A picture's bytes as the offscreen document's bounded fetch accepts them. */
const isBytes = (v: unknown): v is Uint8Array => v instanceof Uint8Array && v.length > 0 && v.length <= MAX_PICTURE_BYTES;
const isKey = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_KEY;
/** A region index of a feed picture (engine/second-stage.ts matchedTile). */
const isTile = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= MAX_TILE_INDEX;

/** The frame's check of a call from the offscreen document; null for anything else. */
export function parseRequest(v: unknown): FrameRequest | null {
  if (!isObject(v) || !isId(v.id)) return null;
  const id = v.id;
  switch (v.op) {
    case 'picture':
      return isBytes(v.bytes) && isKey(v.key) && ROLES.includes(v.role) ? { id, op: v.op, bytes: v.bytes, key: v.key, role: v.role as Role } : null;
    case 'keypoints':
      if (!isKey(v.key) || !ROLES.includes(v.kind) || (v.bytes !== undefined && !isBytes(v.bytes))) return null;
      if (v.levels !== undefined && !PARTS.includes(v.levels)) return null;
      if (v.tile !== undefined && !isTile(v.tile)) return null;
      return { id, op: v.op, key: v.key, kind: v.kind as Role, ...(v.bytes ? { bytes: v.bytes as Uint8Array } : {}), ...(v.levels ? { levels: v.levels as KeypointPart } : {}), ...(v.tile !== undefined ? { tile: v.tile as number } : {}) };
    case 'raster':
      return isBytes(v.bytes) && DECODERS.includes(v.decoder) ? { id, op: v.op, bytes: v.bytes, decoder: v.decoder as DecoderChoice } : null;
  }
  if (!MODEL_OPS.includes(v.op as FrameOp) || !Array.isArray(v.images) || v.images.length > MAX_IMAGES) return null;
  const images = v.images.map(pixels);
  return images.every((p) => p !== null) ? { id, op: v.op as 'init', images } : null;
}

const floats = (v: unknown, length?: number): v is Float32Array =>
  v instanceof Float32Array && (length === undefined || v.length === length) && v.every(Number.isFinite);

/** The value of a model op's reply, or null. */
function modelValue(value: unknown, req: FrameRequest & { images: Pixels[] }): FrameValue | null {
  if (req.op === 'init') return isObject(value) && typeof value.backend === 'string' && value.backend.length <= 40 ? { backend: value.backend } : null;
  if (req.op === 'heap') {
    return isObject(value) && Number.isSafeInteger(value.heapBytes) && (value.heapBytes as number) >= 0 ? { heapBytes: value.heapBytes as number } : null;
  }
  if (!Array.isArray(value) || value.length !== req.images.length) return null;
  if (req.op === 'embed') return value.every((g) => floats(g)) ? (value as Float32Array[]) : null;
  const ok = value.every((s) => isObject(s) && floats(s.global) && Array.isArray(s.styleStats) && s.styleStats.every((x) => floats(x)));
  return ok ? (value as RawSignals[]).map((s) => ({ global: s.global, styleStats: [...s.styleStats] })) : null;
}

/** The value of a picture op's reply (picture-checks.ts); throws Malformed. */
function pictureValue(value: unknown, req: Exclude<FrameRequest, { images: Pixels[] }>): FrameValue {
  if (req.op === 'raster') return raster(value);
  if (req.op === 'picture') return { ...pictureSignals(value, req.role), timing: isObject(value) ? timing(value.timing) : timing(null) };
  // Only a call without bytes may be told its picture is gone: the frame restarted since the picture was decoded.
  if (isObject(value) && value.missing === true && !req.bytes) return { missing: true };
  return pictureKeypoints(value, req.kind);
}

/**
 * The offscreen document's check of a reply to `req`: one result per image sent, finite numbers, and nothing the
 * background would store that the frame's code could not have produced. Null for anything else. An error keeps its
 * refusal code (shared/refusal.ts) at its start, so a picture refused in the frame is refused the same way.
 */
export function parseReply(v: unknown, req: FrameRequest): FrameReply | null {
  if (!isObject(v) || v.id !== req.id) return null;
  if (v.ok === false) return typeof v.error === 'string' ? { id: req.id, ok: false, error: v.error.slice(0, 500) } : null;
  if (v.ok !== true || !Number.isSafeInteger(v.numTensors) || (v.numTensors as number) < 0) return null;
  const numTensors = v.numTensors as number;
  try {
    const value = 'images' in req ? modelValue(v.value, req) : pictureValue(v.value, req);
    return value === null ? null : { id: req.id, ok: true, value, numTensors };
  } catch (err) {
    if (err instanceof Malformed) return null;
    throw err;
  }
}
