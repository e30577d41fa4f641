// The layout finders on pictures made here: a collage's tiles are found where they are (with gutters and
// without), a framed picture's inside is found, a tilt's corners are found, and an ordinary picture yields
// none of them.
import { describe, expect, it } from 'vitest';
import { collageTiles, framedRects, iou, tiltQuad } from '../../src/engine/layout';
import { resample, FULL, type Box, type Raster } from '../../src/engine/image';
import { homography, apply, rotatedRect, warpQuad, type Quad } from '../../src/engine/geometry';
import { canvas, painting, paste } from '../support/pictures';

const overview = (r: Raster) => resample(r, FULL, 224, 224);

function grid(rows: number, cols: number, gutter: number, cell: number): { img: Raster; cells: Box[] } {
  const W = cols * cell + (cols + 1) * gutter, H = rows * cell + (rows + 1) * gutter;
  const img = canvas(W, H, [255, 255, 255]);
  const cells: Box[] = [];
  for (let i = 0; i < rows * cols; i++) {
    const x = gutter + (i % cols) * (cell + gutter), y = gutter + Math.floor(i / cols) * (cell + gutter);
    paste(img, painting(cell, cell, 100 + i), x, y);
    cells.push({ x: x / W, y: y / H, w: cell / W, h: cell / H });
  }
  return { img, cells };
}

describe('collageTiles', () => {
  it('finds every tile of a 3×3 grid with white gutters, in reading order', () => {
    const { img, cells } = grid(3, 3, 12, 200);
    const tiles = collageTiles(overview(img));
    expect(tiles).toHaveLength(9);
    tiles.forEach((t, i) => expect(iou(t, cells[i]!)).toBeGreaterThan(0.85));
  });

  it('finds a 2×2 grid with no gutter from the seams between pictures', () => {
    const { img, cells } = grid(2, 2, 0, 300);
    const tiles = collageTiles(overview(img));
    expect(tiles).toHaveLength(4);
    tiles.forEach((t, i) => expect(iou(t, cells[i]!)).toBeGreaterThan(0.85));
  });

  it('sees no collage in a single picture', () => {
    for (const seed of [1, 2, 3]) expect(collageTiles(overview(painting(600, 450, seed)))).toEqual([]);
  });
});

describe('framedRects', () => {
  it('finds the picture inside a mat with a drawn line', () => {
    const img = canvas(700, 560, [244, 241, 234]);
    paste(img, painting(560, 420, 7), 70, 70);
    // The mat's line, 30 px out from the picture.
    for (let x = 40; x < 660; x++) for (const y of [40, 41, 519, 520]) img.data.set([58, 49, 40], (y * 700 + x) * 3);
    for (let y = 40; y < 521; y++) for (const x of [40, 41, 658, 659]) img.data.set([58, 49, 40], (y * 700 + x) * 3);
    const truth = { x: 70 / 700, y: 70 / 560, w: 560 / 700, h: 420 / 560 };
    expect(framedRects(overview(img)).some((b) => iou(b, truth) > 0.85)).toBe(true);
  });

  it('finds a picture between caption bars that carry text', () => {
    const img = canvas(600, 760, [255, 255, 255]);
    paste(img, painting(600, 600, 9), 0, 80);
    // "Text": dark strokes in both bars.
    for (let x = 60; x < 540; x += 9) for (let y = 25; y < 55; y++) img.data.set([20, 20, 20], (y * 600 + x) * 3);
    for (let x = 100; x < 500; x += 7) for (let y = 700; y < 730; y++) img.data.set([20, 20, 20], (y * 600 + x) * 3);
    const truth = { x: 0, y: 80 / 760, w: 1, h: 600 / 760 };
    expect(framedRects(overview(img)).some((b) => iou(b, truth) > 0.85)).toBe(true);
  });
});

describe('tiltQuad', () => {
  function tilted(deg: number, fill: [number, number, number]): { img: Raster; quad: Quad } {
    const pic = painting(480, 360, 21);
    const rad = (deg * Math.PI) / 180;
    const W = Math.ceil(480 * Math.cos(Math.abs(rad)) + 360 * Math.sin(Math.abs(rad)));
    const H = Math.ceil(480 * Math.sin(Math.abs(rad)) + 360 * Math.cos(Math.abs(rad)));
    const quad = rotatedRect(W / 2, H / 2, 480, 360, rad);
    const img = canvas(W, H, fill);
    const h = homography(quad, [{ x: 0, y: 0 }, { x: 480, y: 0 }, { x: 480, y: 360 }, { x: 0, y: 360 }])!;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const p = apply(h, { x: x + 0.5, y: y + 0.5 });
        if (p.x < 0 || p.y < 0 || p.x >= 480 || p.y >= 360) continue;
        const i = (Math.floor(p.y) * 480 + Math.floor(p.x)) * 3;
        img.data.set(pic.data.subarray(i, i + 3), (y * W + x) * 3);
      }
    }
    return { img, quad: quad.map((p) => ({ x: p.x / W, y: p.y / H })) as Quad };
  }

  for (const [deg, fill] of [[7, [0, 0, 0]], [-10, [255, 255, 255]], [4, [0, 0, 0]]] as const) {
    it(`finds the corners of a picture turned ${deg}° on ${fill[0] ? 'white' : 'black'}`, () => {
      const { img, quad } = tilted(deg, [...fill]);
      const found = tiltQuad(overview(img), img.width / img.height);
      expect(found).not.toBeNull();
      found!.forEach((p, i) => {
        expect(Math.abs(p.x - quad[i]!.x)).toBeLessThan(0.03);
        expect(Math.abs(p.y - quad[i]!.y)).toBeLessThan(0.03);
      });
    });
  }

  it('finds no tilt in an upright picture, framed or not', () => {
    expect(tiltQuad(overview(painting(600, 400, 5)))).toBeNull();
    const framed = canvas(640, 440, [0, 0, 0]);
    paste(framed, painting(600, 400, 6), 20, 20);
    expect(tiltQuad(overview(framed), 640 / 440)).toBeNull();
  });
});

describe('warpQuad', () => {
  it('straightens a quadrilateral back to the picture it came from', () => {
    const pic = painting(200, 200, 3);
    const same = warpQuad(pic, [{ x: 0, y: 0 }, { x: 200, y: 0 }, { x: 200, y: 200 }, { x: 0, y: 200 }], 200, 200);
    let diff = 0;
    for (let i = 0; i < same.data.length; i++) diff += Math.abs(same.data[i]! - pic.data[i]!);
    expect(diff / same.data.length).toBeLessThan(1);
  });
});
