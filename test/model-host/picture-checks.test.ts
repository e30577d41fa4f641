// The checks on Chrome's picture calls to the model frame (issue 14): the frame decodes hostile bytes, so a reply
// it sends about a picture — signals, keypoints, a raster — is taken only in the shape the frame's own code makes,
// and anything else is dropped whole. A refusal made in the frame reaches the background as the same refusal.
import { describe, expect, test } from 'vitest';
import { MAX_KEY, parseReply, parseRequest, type FrameRequest } from '../../src/model-host/frame-protocol';
import { MAX_PICTURE_BYTES } from '../../src/shared/picture-fetch';
import { MAX_PICTURES } from '../../src/engine/zoom';
import { PictureError, refusalOf } from '../../src/shared/refusal';

const bytes = () => new Uint8Array([0xff, 0xd8, 0xff, 0xe0]);
const vec = (n = 256, v = 0.1) => new Float32Array(n).fill(v);
const hash = () => new Uint32Array(8).fill(7);
const timing = { fetch: 0, decode: 3.5, prepare: 2 };

const provenance = { ai: true, evidence: [{ source: 'c2pa', field: 'digitalSourceType', value: 'trainedAlgorithmicMedia' }], c2pa: 'valid' };
const signals = (over: Record<string, unknown> = {}) => ({
  hashes: Array.from({ length: 8 }, hash), hashQuality: 42, vectors: [vec(), vec()], kinds: ['whole', 'framed'],
  style: vec(1408), provenance, timing, ...over,
});

function keypointSet(count = 3, over: Record<string, unknown> = {}) {
  return {
    width: 512, height: 384, count, x: new Float32Array(count).fill(100), y: new Float32Array(count).fill(50),
    scale: new Float32Array(count).fill(1), angle: new Float32Array(count).fill(0.5), desc: new Uint32Array(count * 8),
    plane: { data: new Uint8Array(512 * 384), width: 512, height: 384 }, ...over,
  };
}

const picture: FrameRequest = { id: 2, op: 'picture', bytes: bytes(), key: 'https://cdn.example/a.jpg', role: 'query' };
const work: FrameRequest = { id: 3, op: 'picture', bytes: bytes(), key: '', role: 'gallery' };
const kept: FrameRequest = { id: 4, op: 'keypoints', key: 'https://cdn.example/a.jpg', kind: 'query' };
const sent: FrameRequest = { id: 5, op: 'keypoints', key: '', kind: 'gallery', bytes: bytes() };
const raster: FrameRequest = { id: 6, op: 'raster', bytes: bytes(), decoder: 'auto' };
const coarse: FrameRequest = { id: 7, op: 'keypoints', key: 'https://cdn.example/a.jpg', kind: 'query', levels: 'coarse' };
const ok = (req: FrameRequest, value: unknown) => ({ id: req.id, ok: true, value, numTensors: 9 });

describe('picture calls to the frame', () => {
  test('a picture, a keypoints and a raster call are taken, with nothing but their declared fields', () => {
    expect(parseRequest({ ...picture, extra: 1 })).toEqual(picture);
    expect(parseRequest({ ...kept, images: [] })).toEqual(kept);
    expect(parseRequest(sent)).toEqual(sent);
    expect(parseRequest(raster)).toEqual(raster);
    expect(parseRequest(coarse)).toEqual(coarse);
  });

  test.each([
    ['bytes as a plain array', { ...picture, bytes: [0xff, 0xd8] }],
    ['no bytes', { ...picture, bytes: new Uint8Array() }],
    ['more bytes than the fetch accepts', { ...picture, bytes: new Uint8Array(MAX_PICTURE_BYTES + 1) }],
    ['a key longer than any kept address', { ...picture, key: 'x'.repeat(MAX_KEY + 1) }],
    ['an unknown role', { ...picture, role: 'admin' }],
    ['keypoints with bytes that are not bytes', { ...sent, bytes: 'AAAA' }],
    ['keypoints of an unknown kind', { ...kept, kind: 'both' }],
    ['keypoints of unknown levels', { ...kept, levels: 'all' }],
    ['a raster by an unknown decoder', { ...raster, decoder: 'eval' }],
  ])('%s is dropped', (_, v) => {
    expect(parseRequest(v)).toBeNull();
  });
});

describe('what the frame says about a picture', () => {
  test('signals come through as the background stores them, strings cut and extra fields left behind', () => {
    const long = { ...provenance, evidence: [{ ...provenance.evidence[0]!, value: 'v'.repeat(10_000), generator: 'g'.repeat(10_000), extra: 1 }] };
    const r = parseReply(ok(picture, { ...signals({ provenance: long }), regions: [{ box: 'anything' }] }), picture);
    expect(r?.ok).toBe(true);
    const value = (r as { value: Record<string, unknown> }).value;
    expect(Object.keys(value).sort()).toEqual(['hashQuality', 'hashes', 'kinds', 'provenance', 'style', 'timing', 'vectors']);
    const evidence = (value.provenance as typeof provenance).evidence[0]!;
    expect(evidence).toEqual({ source: 'c2pa', field: 'digitalSourceType', value: 'v'.repeat(200), generator: 'g'.repeat(200) });
    expect(parseReply(ok(work, signals({ hashes: [hash()], provenance: null })), work)?.ok).toBe(true);
  });

  test.each([
    ['a NaN in an embedding', signals({ vectors: [vec(), vec(256, NaN)] })],
    ['embeddings of two lengths', signals({ vectors: [vec(), vec(128)] })],
    ['an embedding of a million numbers', signals({ vectors: [vec(1e6)], kinds: ['whole'] })],
    ['no embedding', signals({ vectors: [], kinds: [] })],
    ['a kind for each embedding but one', signals({ kinds: ['whole'] })],
    ['a kind the engine does not make', signals({ kinds: ['whole', 'password'] })],
    ['seven hashes for a feed picture', signals({ hashes: Array.from({ length: 7 }, hash) })],
    ['a hash of the wrong length', signals({ hashes: [...Array.from({ length: 7 }, hash), new Uint32Array(800)] })],
    ['a hash quality past 100', signals({ hashQuality: 1000 })],
    ['a style of plain numbers', signals({ style: [0.1, 0.2] })],
    ['an infinite style', signals({ style: vec(1408, Infinity) })],
    ['a provenance from an unknown source', signals({ provenance: { ...provenance, evidence: [{ ...provenance.evidence[0]!, source: 'rumour' }] } })],
    ['a C2PA state that is not one', signals({ provenance: { ...provenance, c2pa: 'trust me' } })],
    ['more evidence than a summary keeps', signals({ provenance: { ...provenance, evidence: Array(5).fill(provenance.evidence[0]) } })],
    ['evidence that is not text', signals({ provenance: { ...provenance, evidence: [{ ...provenance.evidence[0]!, value: { toString: 1 } }] } })],
    ['AI that is not a yes or no', signals({ provenance: { ...provenance, ai: 'yes' } })],
    ['a negative time', signals({ timing: { ...timing, decode: -1 } })],
    ['no timing', signals({ timing: undefined })],
  ])('%s is dropped', (_, value) => {
    expect(parseReply(ok(picture, value), picture)).toBeNull();
  });

  const view = (over: Record<string, unknown> = {}) => ({
    width: 1200, height: 900, side: 64, data: new Uint8Array(64 * 64).fill(90),
    quads: [[{ x: 0.1, y: 0.2 }, { x: 0.9, y: 0.15 }, { x: 0.92, y: 0.85 }, { x: 0.08, y: 0.8 }]], ...over,
  });
  const grid = (over: Record<string, unknown> = {}) => ({ width: 1024, height: 683, nx: 16, ny: 11, data: new Uint8Array(16 * 11).fill(7), ...over });

  test('a feed picture\'s screen view and grey grid, and a work\'s grey grid, come through as the matcher reads them', () => {
    const r = parseReply(ok(picture, signals({ screen: view(), thumb: grid() })), picture) as { value: { screen: unknown; thumb: unknown } };
    expect(r.value.screen).toEqual(view());
    expect(r.value.thumb).toEqual(grid());
    const w = parseReply(ok(work, signals({ hashes: [hash()], provenance: null, thumb: grid() })), work) as { value: { thumb: unknown } };
    expect(w.value.thumb).toEqual(grid());
  });

  test('as many screens as the finders return (five, and one cut by the frame) come through, one cut by the picture\'s edge among them; seven do not', () => {
    const cut = [{ x: -0.03, y: 0.2 }, { x: 0.9, y: 0.15 }, { x: 0.92, y: 0.85 }, { x: 0.04, y: 0.8 }];
    const six = view({ quads: [...Array(5).fill(view().quads[0]), cut] });
    const r = parseReply(ok(picture, signals({ screen: six })), picture) as { value: { screen: unknown } };
    expect(r.value.screen).toEqual(six);
    expect(parseReply(ok(picture, signals({ screen: view({ quads: Array(7).fill(cut) }) })), picture)).toBeNull();
  });

  test.each([
    ['a screen view of another side', signals({ screen: view({ side: 32, data: new Uint8Array(32 * 32) }) })],
    ['a screen view short of its pixels', signals({ screen: view({ data: new Uint8Array(64 * 63) }) })],
    ['a screen view of floats', signals({ screen: view({ data: new Float32Array(64 * 64) }) })],
    ['a screen of three corners', signals({ screen: view({ quads: [[{ x: 0, y: 0 }, { x: 1, y: 0 }, { x: 1, y: 1 }]] }) })],
    ['a screen corner at NaN', signals({ screen: view({ quads: [[{ x: NaN, y: 0 }, { x: 1, y: 0 }, { x: 1, y: 1 }, { x: 0, y: 1 }]] }) })],
    ['a screen corner far off the picture', signals({ screen: view({ quads: [[{ x: 50, y: 0 }, { x: 1, y: 0 }, { x: 1, y: 1 }, { x: 0, y: 1 }]] }) })],
    ['a hundred screens', signals({ screen: view({ quads: Array(100).fill(view().quads[0]) }) })],
    ['a screen view with no screen', signals({ screen: view({ quads: [] }) })],
    ['a post of a million pixels a side', signals({ screen: view({ width: 1e6 }) })],
  ])('%s is dropped', (_, value) => {
    expect(parseReply(ok(picture, value), picture)).toBeNull();
  });

  test.each([
    ['a grid of a hundred cells a side', grid({ nx: 100, ny: 100, data: new Uint8Array(10_000) })],
    ['a grid short of its cells', grid({ data: new Uint8Array(16 * 10) })],
    ['a grid of one cell', grid({ nx: 1, ny: 1, data: new Uint8Array(1) })],
  ])('a work or a feed picture with %s is dropped', (_, thumb) => {
    expect(parseReply(ok(work, signals({ hashes: [hash()], provenance: null, thumb })), work)).toBeNull();
    expect(parseReply(ok(picture, signals({ thumb })), picture)).toBeNull();
  });

  test('a gallery work with a provenance, or eight hashes, is dropped', () => {
    expect(parseReply(ok(work, signals({ hashes: [hash()] })), work)).toBeNull();
    expect(parseReply(ok(work, signals({ provenance: null })), work)).toBeNull();
  });

  test('keypoints and zooms come through; a kept raster may be missing only when no bytes were sent', () => {
    const zoom = { box: { x: 0.2, y: 0.3, w: 0.4, h: 0.3 }, keypoints: keypointSet(2) };
    const r = parseReply(ok(kept, { keypoints: keypointSet(), zooms: [zoom] }), kept);
    expect(r).toEqual({ id: 4, ok: true, value: { keypoints: keypointSet(), zooms: [zoom] }, numTensors: 9 });
    expect(parseReply(ok(kept, { missing: true }), kept)).toEqual({ id: 4, ok: true, value: { missing: true }, numTensors: 9 });
    expect(parseReply(ok(sent, { missing: true }), sent)).toBeNull();
    expect(parseReply(ok(sent, { keypoints: keypointSet(), zooms: [] }), sent)?.ok).toBe(true);
  });

  test("a plane's chroma comes through with it, for the screen look in colour (engine/zoom.ts colourLook)", () => {
    const plane = { data: new Uint8Array(512 * 384), width: 512, height: 384, chroma: new Uint8Array(512 * 384).fill(40) };
    const r = parseReply(ok(kept, { keypoints: keypointSet(3, { plane }), zooms: [] }), kept);
    expect(r?.ok && 'keypoints' in r.value ? r.value.keypoints.plane.chroma?.[0] : 'dropped').toBe(40);
  });

  test('the pictures found in a feed picture come through with its keypoints (engine/zoom.ts pictureLook)', () => {
    const pictures = [{ x: 0.03, y: 0.19, w: 0.94, h: 0.25 }, { x: 0, y: 0.04, w: 1, h: 0.26 }];
    expect(parseReply(ok(kept, { keypoints: keypointSet(), zooms: [], pictures }), kept)).toEqual({ id: 4, ok: true, value: { keypoints: keypointSet(), zooms: [], pictures }, numTensors: 9 });
  });

  test.each([
    ['a count the arrays do not have', { keypoints: keypointSet(3, { count: 4 }), zooms: [] }],
    ['descriptors for fewer keypoints', { keypoints: keypointSet(3, { desc: new Uint32Array(16) }), zooms: [] }],
    ['a keypoint outside its picture', { keypoints: keypointSet(3, { x: new Float32Array([1, 2, 5000]) }), zooms: [] }],
    ['a level 0 of a million pixels a side', { keypoints: keypointSet(0, { width: 1e6 }), zooms: [] }],
    ['a grey plane smaller than its size', { keypoints: keypointSet(3, { plane: { data: new Uint8Array(512 * 383), width: 512, height: 384 } }), zooms: [] }],
    ['a grey plane of another size', { keypoints: keypointSet(3, { plane: { data: new Uint8Array(256 * 384), width: 256, height: 384 } }), zooms: [] }],
    ['a grey plane of floats', { keypoints: keypointSet(3, { plane: { data: new Float32Array(512 * 384), width: 512, height: 384 } }), zooms: [] }],
    ['a chroma smaller than its plane', { keypoints: keypointSet(3, { plane: { data: new Uint8Array(512 * 384), width: 512, height: 384, chroma: new Uint8Array(512 * 383) } }), zooms: [] }],
    ['a chroma of floats', { keypoints: keypointSet(3, { plane: { data: new Uint8Array(512 * 384), width: 512, height: 384, chroma: new Float32Array(512 * 384) } }), zooms: [] }],
    ['a NaN angle', { keypoints: keypointSet(1, { angle: new Float32Array([NaN]) }), zooms: [] }],
    ['three zooms', { keypoints: keypointSet(), zooms: Array(3).fill({ box: { x: 0, y: 0, w: 0.5, h: 0.5 }, keypoints: keypointSet() }) }],
    ['a zoom reaching past the picture', { keypoints: keypointSet(), zooms: [{ box: { x: 0.7, y: 0, w: 0.5, h: 0.5 }, keypoints: keypointSet() }] }],
    ['an empty zoom', { keypoints: keypointSet(), zooms: [{ box: { x: 0.1, y: 0.1, w: 0, h: 0.5 }, keypoints: keypointSet() }] }],
    ['no zoom list', { keypoints: keypointSet() }],
    ['more pictures than a post is looked for in', { keypoints: keypointSet(), zooms: [], pictures: Array(MAX_PICTURES + 1).fill({ x: 0, y: 0, w: 0.5, h: 0.5 }) }],
    ['a picture reaching past the post', { keypoints: keypointSet(), zooms: [], pictures: [{ x: 0.6, y: 0, w: 0.5, h: 0.5 }] }],
    ['a picture of no width', { keypoints: keypointSet(), zooms: [], pictures: [{ x: 0.1, y: 0.1, w: 0, h: 0.5 }] }],
    ['pictures that are no list', { keypoints: keypointSet(), zooms: [], pictures: { x: 0, y: 0, w: 1, h: 1 } }],
  ])('%s is dropped', (_, value) => {
    expect(parseReply(ok(kept, value), kept)).toBeNull();
  });

  test('the coarse half of a feed picture\'s keypoints comes through with whether it has zooms; the fine half with its zooms', () => {
    const half = { keypoints: keypointSet(), zooms: [], part: 'coarse', zoomed: true };
    expect(parseReply(ok(coarse, half), coarse)).toEqual(ok(coarse, half));
    const zoom = { box: { x: 0.2, y: 0.3, w: 0.4, h: 0.3 }, keypoints: keypointSet(2) };
    expect(parseReply(ok(kept, { keypoints: keypointSet(), zooms: [zoom], part: 'fine' }), kept)?.ok).toBe(true);
  });

  test.each([
    ['a half of a gallery work', sent, { keypoints: keypointSet(), zooms: [], part: 'coarse', zoomed: false }],
    ['an unknown half', kept, { keypoints: keypointSet(), zooms: [], part: 'middle' }],
    ['zooms said of the fine half', kept, { keypoints: keypointSet(), zooms: [], part: 'fine', zoomed: true }],
    ['zooms said as a string', coarse, { keypoints: keypointSet(), zooms: [], part: 'coarse', zoomed: 'yes' }],
  ])('%s is dropped', (_, req, value) => {
    expect(parseReply(ok(req, value), req)).toBeNull();
  });

  test('a gallery work with zooms is dropped', () => {
    expect(parseReply(ok(sent, { keypoints: keypointSet(), zooms: [{ box: { x: 0, y: 0, w: 0.5, h: 0.5 }, keypoints: keypointSet() }] }), sent)).toBeNull();
  });

  test('a raster comes through only when its pixels fill its size', () => {
    const pixels = { data: new Uint8ClampedArray(4 * 3 * 4), width: 4, height: 3, channels: 4 };
    expect(parseReply(ok(raster, pixels), raster)).toEqual(ok(raster, pixels));
    expect(parseReply(ok(raster, { ...pixels, width: 100_000 }), raster)).toBeNull();
    expect(parseReply(ok(raster, { ...pixels, height: 4 }), raster)).toBeNull();
    expect(parseReply(ok(raster, { ...pixels, channels: 2 }), raster)).toBeNull();
    expect(parseReply(ok(raster, { ...pixels, data: Array(48).fill(0) }), raster)).toBeNull();
  });

  test('a refusal made in the frame reaches the background as the same refusal, its words cut', () => {
    const refused = new PictureError('too-large', `19999 × 19999 px${' '.repeat(10_000)}`).message;
    const r = parseReply({ id: 2, ok: false, error: refused }, picture);
    expect(r?.ok).toBe(false);
    expect(refusalOf((r as { error: string }).error)).toBe('too-large');
    expect((r as { error: string }).error.length).toBe(500);
  });
});
