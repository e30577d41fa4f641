// The offscreen document's checks of what the model frame says about a picture (Chrome, frame-protocol.ts). The frame
// decodes hostile bytes, so it may be subverted: each check takes only the fields the frame's own code makes, of the
// types, lengths and ranges it makes them, and builds a fresh value from them; anything else throws Malformed and the
// whole reply is dropped. Strings are cut, not refused: a long but honest metadata field must not lose a verdict.
// Pure: no DOM.
import type { Box, Raster } from '../engine/image';
import { HASH_WORDS } from '../engine/hash';
import type { Keypoints } from '../engine/keypoints';
import { MAX_PICTURES, MAX_ZOOMS, type Zoom } from '../engine/zoom';
import type { RegionKind } from '../engine/regions';
import { THUMB_SAMPLES, VIEW_SIDE, type ScreenView, type WorkThumb } from '../engine/screen-shortlist';
import type { Quad } from '../engine/geometry';
import type { EvidenceSource } from '../engine/provenance/index';
import type { MetadataEvidence, ProvenanceSummary } from '../engine/provenance/summary';
import type { DecodeTiming } from './decode';
import type { PictureSignals } from './pictures';
import type { KeypointPart, PostKeypoints } from './decoders';

export class Malformed extends Error {}

export function need(ok: unknown): asserts ok {
  if (!ok) throw new Malformed('malformed');
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * Sides of a raster or a keypoints' level 0: analysis rasters have a long side of at most 1,024 px (prepare.ts)
 * and zooms 384 (zoom.ts); this leaves room without letting a reply claim a size nobody makes.
 */
const MAX_SIDE = 4096;
/** The query keypoints keep ~1,000 over all levels (keypoints.ts), with a floor of 20 per level. */
const MAX_KEYPOINTS = 4000;
/** Embedding (256) and style descriptor (1,408) lengths of MobileNet v1 0.25, with room for a larger model. */
const MAX_DIM = 8192;
/** The most regions (crops) of one picture: a query's are far fewer (frame-protocol.ts MAX_IMAGES). */
const MAX_REGIONS = 64;
/** Dihedral variants of a feed picture's hash (hash.ts); a gallery work has one. */
const QUERY_HASHES = 8;
const MAX_TEXT = 200;
const MAX_EVIDENCE = 4;

// Records rather than lists: a kind or source added to the engine is a compile error here until it is accepted.
const REGION_KINDS: Record<RegionKind, true> = { whole: true, framed: true, screenshot: true, tile: true, tilted: true, screen: true, stickers: true };
const SOURCES: Record<EvidenceSource, true> = { 'c2pa': true, 'tc260': true, 'iptc': true, 'exif': true, 'xmp': true, 'png-text': true, 'jpeg-comment': true, 'stealth': true };
const C2PA_STATES = ['valid', 'invalid', 'unverified'] as const;

const int = (v: unknown, min: number, max: number): number => {
  need(Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max);
  return v as number;
};
const num = (v: unknown, min: number, max: number): number => {
  need(typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max);
  return v;
};
const text = (v: unknown): string => {
  need(typeof v === 'string');
  return v.slice(0, MAX_TEXT);
};
const list = (v: unknown, max: number): unknown[] => {
  need(Array.isArray(v) && v.length <= max);
  return v;
};

/** Finite floats, `length` of them when given, each within [min, max]. */
function floats(v: unknown, length?: number, min = -Infinity, max = Infinity): Float32Array {
  need(v instanceof Float32Array && (length === undefined || v.length === length));
  for (const x of v) need(Number.isFinite(x) && x >= min && x <= max);
  return v;
}

function words(v: unknown, length: number): Uint32Array {
  need(v instanceof Uint32Array && v.length === length);
  return v;
}

/** A box of the picture, in fractions of its sides (a zoom's: never empty). */
export function box(v: unknown): Box {
  need(isObject(v));
  const EPS = 1e-6;
  const x = num(v.x, 0, 1), y = num(v.y, 0, 1), w = num(v.w, EPS, 1), h = num(v.h, EPS, 1);
  need(x + w <= 1 + EPS && y + h <= 1 + EPS);
  return { x, y, w, h };
}

export function keypointSet(v: unknown): Keypoints {
  need(isObject(v));
  const width = int(v.width, 1, MAX_SIDE), height = int(v.height, 1, MAX_SIDE);
  const count = int(v.count, 0, MAX_KEYPOINTS);
  // Level-0 pixel coordinates (a pixel's centre at a coarser level lands up to half a pixel outside).
  return {
    width, height, count,
    x: floats(v.x, count, -1, width + 1),
    y: floats(v.y, count, -1, height + 1),
    scale: floats(v.scale, count, 0, 64),
    angle: floats(v.angle, count, -8, 8),
    desc: words(v.desc, count * 8),
    plane: plane(v.plane, width, height),
  };
}

/** The keypoints' level-0 grey picture, and its chroma when sent: each exactly the size they say. */
function plane(v: unknown, width: number, height: number): Keypoints['plane'] {
  const sized = (d: unknown): d is Uint8Array => d instanceof Uint8Array && d.length === width * height;
  need(isObject(v) && v.width === width && v.height === height && sized(v.data) && (v.chroma === undefined || sized(v.chroma)));
  return { data: v.data as Uint8Array, width, height, ...(v.chroma ? { chroma: v.chroma as Uint8Array } : {}) };
}

function zoom(v: unknown): Zoom {
  need(isObject(v));
  return { box: box(v.box), keypoints: keypointSet(v.keypoints) };
}

/** A post's keypoints, its zooms' and the pictures found in it; a gallery work has neither. */
export function pictureKeypoints(v: unknown, kind: 'query' | 'gallery'): PostKeypoints {
  need(isObject(v));
  const zooms = list(v.zooms, kind === 'query' ? MAX_ZOOMS : 0).map(zoom);
  const pictures = v.pictures === undefined ? undefined : list(v.pictures, kind === 'query' ? MAX_PICTURES : 0).map(box);
  need(v.part === undefined || (kind === 'query' && (v.part === 'coarse' || v.part === 'fine')));
  need(v.zoomed === undefined || (v.part === 'coarse' && typeof v.zoomed === 'boolean'));
  return {
    keypoints: keypointSet(v.keypoints), zooms, ...(pictures ? { pictures } : {}),
    ...(v.part ? { part: v.part as KeypointPart } : {}), ...(typeof v.zoomed === 'boolean' ? { zoomed: v.zoomed } : {}),
  };
}

export function raster(v: unknown): Raster {
  need(isObject(v));
  const width = int(v.width, 1, MAX_SIDE), height = int(v.height, 1, MAX_SIDE);
  need(v.channels === 3 || v.channels === 4);
  const channels = v.channels as 3 | 4;
  need((v.data instanceof Uint8ClampedArray || v.data instanceof Uint8Array) && v.data.length === width * height * channels);
  return { data: v.data as Uint8ClampedArray, width, height, channels };
}

export function timing(v: unknown): DecodeTiming {
  need(isObject(v));
  const ms = (x: unknown) => num(x, 0, 1e7);
  return { fetch: ms(v.fetch), decode: ms(v.decode), prepare: ms(v.prepare) };
}

function evidence(v: unknown): MetadataEvidence {
  need(isObject(v) && typeof v.source === 'string' && Object.hasOwn(SOURCES, v.source));
  return {
    source: v.source as EvidenceSource, field: text(v.field), value: text(v.value),
    ...(v.generator === undefined ? {} : { generator: text(v.generator) }),
  };
}

/** A provenance summary (provenance/summary.ts), or null for a picture whose metadata says nothing. */
export function provenanceSummary(v: unknown): ProvenanceSummary | null {
  if (v === null || v === undefined) return null;
  need(isObject(v) && typeof v.ai === 'boolean');
  need(v.c2pa === undefined || C2PA_STATES.includes(v.c2pa as (typeof C2PA_STATES)[number]));
  return {
    ai: v.ai, evidence: list(v.evidence, MAX_EVIDENCE).map(evidence),
    ...(v.c2pa === undefined ? {} : { c2pa: v.c2pa as ProvenanceSummary['c2pa'] }),
  };
}

/**
 * A picture's signals as the background will store and compare them: a hash per dihedral variant (one for a
 * work), one embedding of one length per region, a region kind each, a style descriptor. Only a feed picture's
 * provenance is read.
 */
export function pictureSignals(v: unknown, role: 'query' | 'gallery'): PictureSignals {
  need(isObject(v));
  const hashes = list(v.hashes, QUERY_HASHES).map((h) => words(h, HASH_WORDS));
  need(hashes.length === (role === 'query' ? QUERY_HASHES : 1));
  const vectors = list(v.vectors, MAX_REGIONS).map((x) => floats(x));
  const dim = vectors[0]?.length ?? 0;
  need(dim > 0 && dim <= MAX_DIM && vectors.every((x) => x.length === dim));
  const kinds = list(v.kinds, MAX_REGIONS).map((k) => {
    need(typeof k === 'string' && Object.hasOwn(REGION_KINDS, k));
    return k as RegionKind;
  });
  need(kinds.length === vectors.length);
  const style = floats(v.style);
  need(style.length > 0 && style.length <= MAX_DIM);
  const provenance = provenanceSummary(v.provenance);
  need(role === 'query' || provenance === null);
  const out: PictureSignals = { hashes, hashQuality: num(v.hashQuality, 0, 100), vectors, kinds, style, provenance };
  if (role === 'query' && v.screen !== undefined) out.screen = screenView(v.screen);
  if (v.thumb !== undefined) out.thumb = workThumb(v.thumb);
  return out;
}

/** The screens the finders return at most (layout.ts screenQuads: one per finder, and one cut by the picture's frame). */
const MAX_SCREENS = 6;

/** Grey levels, `length` of them. */
function bytes(v: unknown, length: number): Uint8Array {
  need(v instanceof Uint8Array && v.length === length);
  return v.slice();
}

/** A screen's corners, in fractions of the post (a little outside it at most: a screen may be cut by the edge). */
function quad(v: unknown): Quad {
  const corners = list(v, 4);
  need(corners.length === 4);
  return corners.map((p) => {
    need(isObject(p));
    return { x: num(p.x, -1, 2), y: num(p.y, -1, 2) };
  }) as Quad;
}

function screenView(v: unknown): ScreenView {
  need(isObject(v));
  const quads = list(v.quads, MAX_SCREENS).map(quad);
  need(quads.length > 0 && v.side === VIEW_SIDE);
  return { width: int(v.width, 1, MAX_SIDE), height: int(v.height, 1, MAX_SIDE), side: VIEW_SIDE, data: bytes(v.data, VIEW_SIDE * VIEW_SIDE), quads };
}

function workThumb(v: unknown): WorkThumb {
  need(isObject(v));
  const nx = int(v.nx, 2, THUMB_SAMPLES), ny = int(v.ny, 2, THUMB_SAMPLES);
  return { width: int(v.width, 1, MAX_SIDE), height: int(v.height, 1, MAX_SIDE), nx, ny, data: bytes(v.data, nx * ny) };
}
