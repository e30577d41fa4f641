// The checks between the offscreen document and the model frame (Chrome, framed-embedder.ts): a subverted frame's
// reply, or a call the frame did not expect, is dropped whole, never half-used.
import { describe, expect, test } from 'vitest';
import { MAX_IMAGES, parseReply, parseRequest, type FrameRequest } from '../../src/model-host/frame-protocol';
import { INPUT_SIZE } from '../../src/ml/preprocess';

const crop = (channels: 3 | 4 = 3) => ({ data: new Uint8Array(INPUT_SIZE * INPUT_SIZE * channels), width: INPUT_SIZE, height: INPUT_SIZE, channels });
const vec = (n = 256, v = 0.1) => new Float32Array(n).fill(v);

describe('model frame requests', () => {
  test('a call of model-sized crops is taken, with nothing but its declared fields', () => {
    const req = parseRequest({ id: 7, op: 'signals', images: [{ ...crop(4), extra: 1 }], evil: true });
    expect(req).toEqual({ id: 7, op: 'signals', images: [crop(4)] });
  });

  test.each([
    ['no id', { op: 'embed', images: [] }],
    ['an unknown op', { id: 1, op: 'eval', images: [] }],
    ['a crop claiming a larger size than its bytes', { id: 1, op: 'embed', images: [{ ...crop(), width: 20_000, height: 20_000 }] }],
    ['bytes that do not fill the crop', { id: 1, op: 'embed', images: [{ ...crop(), data: new Uint8Array(10) }] }],
    ['pixels as a plain array', { id: 1, op: 'embed', images: [{ ...crop(), data: [1, 2, 3] }] }],
    ['too many crops', { id: 1, op: 'embed', images: Array.from({ length: MAX_IMAGES + 1 }, () => crop()) }],
    ['not an object', 'embed'],
    ['a keypoint call naming a tile that is no region index', { id: 1, op: 'keypoints', key: 'k', kind: 'query', tile: -1 }],
    ['a keypoint call naming a tile past any picture\'s regions', { id: 1, op: 'keypoints', key: 'k', kind: 'query', tile: 64 }],
    ['a keypoint call naming a tile by text', { id: 1, op: 'keypoints', key: 'k', kind: 'query', tile: '3' }],
  ])('%s is dropped', (_, v) => {
    expect(parseRequest(v)).toBeNull();
  });

  test('a keypoint call for a half of a feed picture and its matched collage tile is taken as sent', () => {
    expect(parseRequest({ id: 2, op: 'keypoints', key: 'k', kind: 'query', levels: 'fine', tile: 7, evil: 1 }))
      .toEqual({ id: 2, op: 'keypoints', key: 'k', kind: 'query', levels: 'fine', tile: 7 });
    expect(parseRequest({ id: 2, op: 'keypoints', key: 'k', kind: 'query', tile: 0 })).toEqual({ id: 2, op: 'keypoints', key: 'k', kind: 'query', tile: 0 });
  });
});

describe('model frame replies', () => {
  const embed: FrameRequest = { id: 3, op: 'embed', images: [crop(), crop()] };
  const signals: FrameRequest = { id: 4, op: 'signals', images: [crop()] };
  const init: FrameRequest = { id: 1, op: 'init', images: [] };
  const heap: FrameRequest = { id: 5, op: 'heap', images: [] };

  test('answers to the call sent come through', () => {
    expect(parseReply({ id: 1, ok: true, value: { backend: 'wasm' }, numTensors: 5 }, init)).toEqual({ id: 1, ok: true, value: { backend: 'wasm' }, numTensors: 5 });
    expect(parseReply({ id: 3, ok: true, value: [vec(), vec()], numTensors: 5 }, embed)?.ok).toBe(true);
    const s = parseReply({ id: 4, ok: true, value: [{ global: vec(), styleStats: [vec(8)], extra: 'x' }], numTensors: 5 }, signals);
    expect(s).toEqual({ id: 4, ok: true, value: [{ global: vec(), styleStats: [vec(8)] }], numTensors: 5 });
    expect(parseReply({ id: 5, ok: true, value: { heapBytes: 42e6, extra: 1 }, numTensors: 5 }, heap)).toEqual({ id: 5, ok: true, value: { heapBytes: 42e6 }, numTensors: 5 });
    expect(parseReply({ id: 3, ok: false, error: 'x'.repeat(10_000) }, embed)).toEqual({ id: 3, ok: false, error: 'x'.repeat(500) });
  });

  test.each([
    ['another call\'s id', { id: 9, ok: true, value: [vec(), vec()], numTensors: 0 }, embed],
    ['one result for two crops', { id: 3, ok: true, value: [vec()], numTensors: 0 }, embed],
    ['a NaN in an embedding', { id: 3, ok: true, value: [vec(), vec(256, NaN)], numTensors: 0 }, embed],
    ['numbers as a plain array', { id: 3, ok: true, value: [vec(), [0.1, 0.2]], numTensors: 0 }, embed],
    ['style statistics that are not numbers', { id: 4, ok: true, value: [{ global: vec(), styleStats: ['a'] }], numTensors: 0 }, signals],
    ['no tensor count', { id: 3, ok: true, value: [vec(), vec()] }, embed],
    ['an error that is not text', { id: 3, ok: false, error: { toString: 1 } }, embed],
    ['a heap size that is not a count of bytes', { id: 5, ok: true, value: { heapBytes: -1 }, numTensors: 0 }, heap],
    ['a heap size for an embedding call', { id: 3, ok: true, value: { heapBytes: 1 }, numTensors: 0 }, embed],
    ['a backend name of a megabyte', { id: 1, ok: true, value: { backend: 'w'.repeat(1e6) }, numTensors: 0 }, init],
  ])('%s is dropped', (_, v, req) => {
    expect(parseReply(v, req)).toBeNull();
  });
});
