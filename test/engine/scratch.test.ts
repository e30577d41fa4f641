// Reused temporaries (engine/scratch.ts) must be invisible in the results: a picture analysed after others of
// other sizes and kinds gets exactly what it gets in a fresh worker, where every array is new.
import { describe, expect, it, vi } from 'vitest';
import { Slot } from '../../src/engine/scratch';
import type { Raster } from '../../src/engine/image';
import { warpQuad } from '../../src/engine/geometry';
import { canvas, painting, paste } from '../support/pictures';

describe('Slot', () => {
  it('hands out the same memory again instead of new memory', () => {
    const slot = new Slot(Float32Array);
    const a = slot.take(1000);
    a.fill(7);
    const b = slot.take(900);
    expect(b.buffer).toBe(a.buffer);
    expect(b.length).toBe(900);
    // take leaves what the last user wrote; zeroed gives zeros, as `new` does.
    expect(b[0]).toBe(7);
    expect(slot.zeroed(1000).every((v) => v === 0)).toBe(true);
  });

  it('grows for a larger request and keeps the larger buffer', () => {
    const slot = new Slot(Int32Array);
    const small = slot.take(10);
    const big = slot.take(5000);
    expect(big.length).toBe(5000);
    expect(big.buffer).not.toBe(small.buffer);
    expect(slot.take(4000).buffer).toBe(big.buffer);
  });

  it('does not hold a huge array: a rare giant picture leaves no 16 MB buffer behind', () => {
    const slot = new Slot(Uint8Array);
    const kept = slot.take(1000);
    const huge = slot.take(20 << 20);
    expect(huge.length).toBe(20 << 20);
    expect(slot.take(20 << 20).buffer).not.toBe(huge.buffer);
    expect(slot.take(1000).buffer).toBe(kept.buffer);
  });
});

/**
 * Pictures that send the finders down different paths, two of a kind where a path leaves a map behind: plain,
 * under stickers, a collage, a screen on a dark desk, phone screenshots with a picture on the page.
 */
function pictures(): Raster[] {
  const work = painting(480, 360, 3);
  const stickered = (at: [number, number, number][], rgb: [number, number, number]) => {
    const r = { ...work, data: Uint8Array.from(work.data) };
    for (const [x, y, s] of at) paste(r, canvas(s, s, rgb), x, y);
    return r;
  };
  const shot = (top: number, w: number) => {
    const r = canvas(360, 800, [237, 237, 237]);
    paste(r, warpQuad(work, [{ x: 0, y: 0 }, { x: 480, y: 0 }, { x: 480, y: 360 }, { x: 0, y: 360 }], w, Math.round(w * 0.75)), 40, top);
    paste(r, canvas(40, 40, [90, 140, 200]), 300, 40);
    return r;
  };
  const collage = canvas(632, 632, [255, 255, 255]);
  for (let i = 0; i < 9; i++) paste(collage, painting(200, 200, 40 + i), 8 + (i % 3) * 208, 8 + Math.floor(i / 3) * 208);
  const screen = canvas(640, 500, [20, 20, 25]);
  paste(screen, warpQuad(work, [{ x: 0, y: 0 }, { x: 480, y: 0 }, { x: 480, y: 360 }, { x: 0, y: 360 }], 420, 320), 110, 90);
  return [painting(300, 700, 9), stickered([[40, 30, 110], [300, 200, 120], [200, 60, 70]], [250, 220, 40]), collage, shot(300, 150),
    screen, stickered([[20, 200, 90], [330, 40, 100]], [40, 200, 230]), shot(120, 220), painting(1024, 380, 5)];
}

const bytes = (v: ArrayBufferView) => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
const same = (x: unknown) => JSON.stringify(x, (_k, v) => (ArrayBuffer.isView(v) ? bytes(v) : v));

async function engine() {
  vi.resetModules();
  const { prepareImage } = await import('../../src/engine/prepare');
  const { keypoints, QUERY_KEYPOINTS, GALLERY_KEYPOINTS } = await import('../../src/engine/keypoints');
  return (r: Raster) => same({
    query: prepareImage(r, 'query'),
    gallery: prepareImage(r, 'gallery'),
    kq: { ...keypoints(r, QUERY_KEYPOINTS), plane: null },
    kg: { ...keypoints(r, GALLERY_KEYPOINTS), plane: null },
  });
}

describe('reused temporaries', () => {
  it('give every picture what a fresh engine gives it, whatever came before', async () => {
    const all = pictures();
    const alone: string[] = [];
    for (const r of all) alone.push((await engine())(r));
    const shared = await engine();
    // Reversed and then forward again: each picture follows larger and smaller ones, of other kinds.
    const order = all.map((_, i) => i);
    for (const i of [...order.slice().reverse(), ...order]) expect(shared(all[i]!), `picture ${i}`).toBe(alone[i]);
  }, 60_000);
});
